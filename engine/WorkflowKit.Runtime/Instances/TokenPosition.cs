namespace WorkflowKit.Runtime.Instances;

/// <summary>A live token: the node it stands at and what it waits for.</summary>
public sealed record TokenPosition(string TokenId, string NodeId, string Status, string? WaitKind, string? WaitRef);
