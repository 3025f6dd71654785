namespace WorkflowKit.Definitions.Flows;

/// <summary>
/// When a task is due: a duration after the task is created, or the value of a form date field.
/// </summary>
public sealed class DeadlineDefinition
{
    /// <summary>ISO 8601 duration such as "P2D" or "PT4H".</summary>
    public string? Duration { get; set; }

    /// <summary>Form date or datetime field holding the due time.</summary>
    public string? Field { get; set; }

    /// <summary>
    /// "calendar" (default) or "workday": the duration is working time of the workday calendar, counted
    /// from the next working time.
    /// </summary>
    public string? Unit { get; set; }
}
