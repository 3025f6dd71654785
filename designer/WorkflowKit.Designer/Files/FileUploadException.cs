namespace WorkflowKit.Designer.Files;

/// <summary>An upload that its field does not take; the message names the field and the file and what to do.</summary>
public sealed class FileUploadException(string message) : Exception(message);
