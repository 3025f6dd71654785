namespace WorkflowKit.Runtime.Tasks;

/// <summary>
/// A task submission changed a field that the node does not let the user edit, or the form data that starts an
/// instance set a field that the start node makes read-only or hidden.
/// </summary>
public sealed class FieldAccessDeniedException : InvalidOperationException
{
    public FieldAccessDeniedException(string message)
        : base(message)
    {
    }

    public FieldAccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FieldAccessDeniedException()
    {
    }

    public string? FieldId { get; init; }

    public string? NodeId { get; init; }

    /// <summary>The field's access at the node: "readonly" or "hidden".</summary>
    public string? Access { get; init; }

    /// <summary>
    /// The same message in Simplified Chinese, for callers whose culture is zh; null when the thrower has none.
    /// </summary>
    public string? ChineseMessage { get; init; }
}
