namespace WorkflowKit.Runtime.Drafts;

/// <summary>Builds the <see cref="FormDraft.Scope"/> of a start form or a task form.</summary>
public static class FormDraftScopes
{
    /// <summary>Returns the scope of the start form of flow <paramref name="flowKey"/>.</summary>
    public static string Start(string flowKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(flowKey);
        return "start:" + flowKey;
    }

    /// <summary>Returns the scope of the form of task <paramref name="taskId"/>.</summary>
    public static string Task(string taskId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        return "task:" + taskId;
    }
}
