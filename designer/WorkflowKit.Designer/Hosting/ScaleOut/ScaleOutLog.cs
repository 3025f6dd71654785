namespace WorkflowKit.Designer.Hosting.ScaleOut;

/// <summary>Log messages of the designer's several-nodes support (event ids 9310-9319).</summary>
internal static partial class ScaleOutLog
{
    [LoggerMessage(EventId = 9310, Level = LogLevel.Warning,
        Message = "Could not relay a task notification for instance {InstanceId} to the other nodes")]
    public static partial void NotifyFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(EventId = 9311, Level = LogLevel.Information,
        Message = "Several-nodes mode: data-protection keys and task notifications go through PostgreSQL")]
    public static partial void Enabled(ILogger logger);
}
