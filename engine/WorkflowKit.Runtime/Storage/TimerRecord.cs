using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Storage;

/// <summary>
/// A due time stored as a row, so it survives restarts. A runner claims due rows with a lease
/// (<see cref="LeaseOwner"/>, <see cref="LeaseUntil"/>) and fires each in the instance's step
/// transaction, which marks it fired: a timer fires once even when two runners claim it.
/// </summary>
public sealed class TimerRecord
{
    public string Id { get; set; } = string.Empty;

    public string? InstanceId { get; set; }

    public string? TokenId { get; set; }

    public string? TaskId { get; set; }

    /// <summary>One of <see cref="TimerKinds"/>.</summary>
    public string Kind { get; set; } = TimerKinds.Node;

    public DateTimeOffset DueAt { get; set; }

    public JsonObject? Payload { get; set; }

    public string Status { get; set; } = TimerStatuses.Pending;

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FiredAt { get; set; }
}
