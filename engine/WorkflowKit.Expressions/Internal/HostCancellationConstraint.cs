using Jint;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// Stops a script when the caller's token is cancelled. Unlike Jint's own cancellation constraint, the token
/// can be replaced between evaluations, which a pooled engine needs.
/// </summary>
internal sealed class HostCancellationConstraint : Constraint
{
    public CancellationToken Token { get; set; }

    public override void Check() => Token.ThrowIfCancellationRequested();

    public override void Reset()
    {
    }
}
