namespace WorkflowKit.Designer.Services;

/// <summary>An object that a request names, such as a task, does not exist. The API returns 404.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NotFoundException()
    {
    }

    /// <summary>The message for a task id that does not exist, the same as the engine's.</summary>
    public static string TaskMessage(string taskId) => $"Task '{taskId}' does not exist; check the id.";

    /// <summary>The message for an instance id that does not exist, the same as the engine's.</summary>
    public static string InstanceMessage(string instanceId) => $"Instance '{instanceId}' does not exist; check the id.";
}
