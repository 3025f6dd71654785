using Microsoft.Extensions.Logging;

namespace WorkflowKit.Expressions;

/// <summary>Log messages of the script host; event ids 3100-3199 belong to expressions.</summary>
internal static partial class ScriptHostLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning,
        Message = "Script stopped by a limit: {Kind}, limit {Limit}; script length {Length} characters")]
    public static partial void ScriptLimitHit(ILogger logger, ScriptErrorKind kind, string limit, int length);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Debug,
        Message = "Script failed: {Kind}; script length {Length} characters")]
    public static partial void ScriptFailed(ILogger logger, ScriptErrorKind kind, int length);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug,
        Message = "Script prepared and cached; script length {Length} characters, {Cached} scripts cached")]
    public static partial void ScriptPrepared(ILogger logger, int length, int cached);
}
