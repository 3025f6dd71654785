using Microsoft.Extensions.Logging;

namespace WorkflowKit.Storage.PostgreSql.Definitions;

/// <summary>
/// Log messages of the PostgreSQL definitions store. The event ids (1100-1199) are those of the
/// SQLite store, so a dashboard counts the same event whichever store raised it. Content is never logged.
/// </summary>
internal static partial class DefinitionStoreLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug,
        Message = "Saved draft of {Kind} {Key} as revision {Revision}")]
    public static partial void DraftSaved(ILogger logger, string kind, string key, long revision);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = "Deleted the draft of {Kind} {Key}")]
    public static partial void DraftDeleted(ILogger logger, string kind, string key);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Published {Kind} {Key} version {Version}")]
    public static partial void Published(ILogger logger, string kind, string key, int version);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning,
        Message = "Refused to publish {Kind} {Key}: {ErrorCount} validation error(s)")]
    public static partial void PublishRefused(ILogger logger, string kind, string key, int errorCount);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information,
        Message = "Imported package {PackageKey}: {PublishedCount} published, {UnchangedCount} unchanged")]
    public static partial void PackageImported(ILogger logger, string packageKey, int publishedCount,
        int unchangedCount);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning,
        Message = "Refused to import package folder {Folder}: {ErrorCount} validation error(s)")]
    public static partial void ImportRefused(ILogger logger, string folder, int errorCount);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning,
        Message = "Refused to import package {PackageKey}: {ConflictCount} definition(s) have newer versions that " +
            "the package did not publish")]
    public static partial void ImportConflicts(ILogger logger, string packageKey, int conflictCount);
}
