namespace WorkflowKit.Designer.Records;

/// <summary>Log messages of the record pages and API (event ids 5100-5149).</summary>
internal static partial class RecordLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information,
        Message = "Stored {Count} permission rules of form {FormKey} from package {PackageKey}")]
    public static partial void RulesSeeded(ILogger logger, int count, string formKey, string packageKey);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "User {UserId} exported {Count} records of form {FormKey} as {Format}")]
    public static partial void Exported(ILogger logger, string userId, long count, string formKey, string format);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning,
        Message = "Could not refresh task lists after step {Step} of instance {InstanceId}")]
    public static partial void StepNotifyFailed(ILogger logger, Exception exception, string step, string instanceId);
}
