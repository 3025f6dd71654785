namespace WorkflowKit.Runtime.Execution;

/// <summary>
/// A fault that retrying cannot fix (no assignee, no edge to take, a bad expression): the token
/// stops with an incident carrying <see cref="Exception.Message"/>.
/// </summary>
internal sealed class FlowFaultException(string kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Kind { get; } = kind;
}
