namespace WorkflowKit.Files;

/// <summary>The outcome of <see cref="FileUploadCheck.Check"/>: the name and media type to store, or an error.</summary>
public sealed record FileUploadVerdict(string? Name, string? ContentType, string? Error)
{
    public bool IsAccepted => Error is null;

    public static FileUploadVerdict Accepted(string name, string contentType) => new(name, contentType, null);

    public static FileUploadVerdict Rejected(string error) => new(null, null, error);
}
