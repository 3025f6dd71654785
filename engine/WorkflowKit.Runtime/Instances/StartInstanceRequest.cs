using System.Globalization;
using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Instances;

/// <summary>Starts an instance of a published flow.</summary>
/// <param name="FlowKey">Key of the flow; the latest published version runs unless <see cref="FlowVersion"/> is set.</param>
/// <param name="Initiator">User id of the person or "system" for schedules.</param>
public sealed record StartInstanceRequest(string FlowKey, string Initiator)
{
    public int? FlowVersion { get; init; }

    /// <summary>
    /// "api" (the default) or "form". <see cref="WorkflowEngine.StartAsync"/> rejects the engine's own kinds
    /// (schedule, record, import, subFlow), because they skip the flow's trigger and starter checks.
    /// </summary>
    public string TriggerKind { get; init; } = TriggerKinds.Api;

    /// <summary>Submitted form data, field id to value.</summary>
    public JsonObject? Form { get; init; }

    /// <summary>
    /// Language of validation messages when a form or API start is rejected; English
    /// (the invariant culture) when not set, and "zh-CN" gives Chinese.
    /// </summary>
    public CultureInfo? Culture { get; init; }

    /// <summary>Initial flow variables; unset variables take the definition's defaults.</summary>
    public JsonObject? Variables { get; init; }

    /// <summary>
    /// A key chosen by the caller (a submission id, an import row id). Repeating a start with a
    /// key that already started an instance returns that instance instead of starting another.
    /// </summary>
    public string? IdempotencyKey { get; init; }
}
