namespace WorkflowKit.Designer.Portal;

/// <summary>
/// Saves a form's draft once typing pauses, so that a burst of keystrokes writes one row instead of one per key.
/// </summary>
public sealed class DraftAutosave(TimeProvider time)
{
    /// <summary>The pause after the last change before the draft is saved.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(600);

    private int _changes;

    /// <summary>
    /// Runs <paramref name="save"/> after <see cref="Pause"/>, unless another change arrives or <see cref="Cancel"/>
    /// is called meanwhile.
    /// </summary>
    public async Task ScheduleAsync(Func<Task> save)
    {
        ArgumentNullException.ThrowIfNull(save);
        var change = ++_changes;
        await Task.Delay(Pause, time);
        if (change == _changes)
        {
            await save();
        }
    }

    /// <summary>Drops a scheduled save, as after a submit or a discard.</summary>
    public void Cancel() => _changes++;
}
