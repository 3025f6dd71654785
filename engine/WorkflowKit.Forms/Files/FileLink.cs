namespace WorkflowKit.Files;

/// <summary>
/// A flow instance whose form data referenced a file when it was submitted. Downloads by users other than the
/// uploader are allowed through these links: to readers of the instance, and of the records it wrote.
/// </summary>
public sealed record FileLink(string FileId, string InstanceId);
