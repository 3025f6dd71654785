using WorkflowKit.Files;

namespace WorkflowKit.Designer.Files;

/// <summary>A file that a user may download, with its content.</summary>
public sealed record FileDownload(StoredFile File, byte[] Content);
