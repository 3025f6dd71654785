using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Triggers;

/// <summary>
/// The chain of record triggers that led to an instance: an instance that a record write started writes records that
/// may start flows again. A flow that updates the record that starts it would run without end, so the engine stops a
/// chain longer than <see cref="MaxDepth"/>, as it stops sub-flows nested too deeply.
/// </summary>
internal static class RecordTriggerChain
{
    /// <summary>The most record-triggered starts in a row, the same limit as for nested sub-flows.</summary>
    public const int MaxDepth = 8;

    /// <summary>
    /// Returns the chain length of an instance from its variables: <c>vars.trigger.depth</c> for a record-triggered
    /// instance (1 for an instance that a user's write started), 0 for any other.
    /// </summary>
    public static int DepthOf(JsonObject? vars)
    {
        if (vars?["trigger"] is not JsonObject trigger || (string?)trigger["kind"] != TriggerKinds.Record)
        {
            return 0;
        }

        return trigger["depth"] is JsonValue depth && depth.TryGetValue<int>(out var value) ? value : 1;
    }
}
