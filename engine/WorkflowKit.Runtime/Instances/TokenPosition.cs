namespace WorkflowKit.Runtime.Instances;

/// <summary>A live token: its node and what it waits for (a <c>WaitKinds</c> value).</summary>
public sealed record TokenPosition(string TokenId, string NodeId, string Status, string? WaitKind, string? WaitRef)
{
    /// <summary>When the timer of a timer node or of a retry fires, in UTC; null for other waits.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>The running sub-flows that a sub-flow node waits for; empty for other waits.</summary>
    public IReadOnlyList<string> Children { get; init; } = [];
}
