using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Storage;

/// <summary>
/// The stored row of an instance, mutable while one engine step works on it. The engine writes
/// it back with <see cref="IRuntimeStore.UpdateInstanceAsync"/>, checking <see cref="Version"/>.
/// </summary>
public sealed class InstanceRecord
{
    public string Id { get; set; } = string.Empty;

    public string FlowKey { get; set; } = string.Empty;

    public int FlowVersion { get; set; }

    public string Status { get; set; } = InstanceStatuses.Running;

    public string TriggerKind { get; set; } = TriggerKinds.Api;

    public string Initiator { get; set; } = string.Empty;

    /// <summary>Caller-chosen key that makes a start request safe to repeat.</summary>
    public string? IdempotencyKey { get; set; }

    public string? ParentInstanceId { get; set; }

    public string? ParentTokenId { get; set; }

    public JsonObject Form { get; set; } = [];

    /// <summary>Engine bookkeeping: split activations, node outputs and the token sequence.</summary>
    public JsonObject State { get; set; } = [];

    public string? EndNodeId { get; set; }

    /// <summary>Whether anyone has acted on a task yet; the initiator may withdraw until then.</summary>
    public bool Acted { get; set; }

    public long Version { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}
