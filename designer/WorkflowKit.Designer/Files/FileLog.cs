namespace WorkflowKit.Designer.Files;

/// <summary>Log messages of uploads, downloads and the file sweep; event ids 5200-5219.</summary>
internal static partial class FileLog
{
    [LoggerMessage(EventId = 5200, Level = LogLevel.Information,
        Message = "File {FileId} ({Size} bytes, {ContentType}) uploaded by {UserId} for field {FieldPath} of form {FormKey}")]
    public static partial void Uploaded(
        ILogger logger, string fileId, long size, string contentType, string userId, string fieldPath, string formKey);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information,
        Message = "An upload by {UserId} for field {FieldPath} of form {FormKey} was rejected: {Reason}")]
    public static partial void UploadRejected(
        ILogger logger, string userId, string fieldPath, string formKey, string reason);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Debug,
        Message = "Download of file {FileId} by {UserId} answered 404: not the uploader and no readable holder")]
    public static partial void DownloadDenied(ILogger logger, string fileId, string userId);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information,
        Message = "File sweep removed {Count} file(s) uploaded before {Before:O} that no submission references")]
    public static partial void Swept(ILogger logger, int count, DateTimeOffset before);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Error, Message = "File sweep failed; it runs again in {Interval}")]
    public static partial void SweepFailed(ILogger logger, TimeSpan interval, Exception error);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Information,
        Message = "File link backfill wrote {Links} link(s) and marked {Files} file(s) that stored data names as linked")]
    public static partial void Backfilled(ILogger logger, long links, long files);
}
