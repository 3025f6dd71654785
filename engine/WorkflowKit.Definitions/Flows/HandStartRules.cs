namespace WorkflowKit.Definitions.Flows;

/// <summary>
/// Whether a flow's <see cref="FlowDefinition.Triggers"/> let a person start it by hand: from the portal's start form,
/// <c>POST /api/instances</c>, <c>workflowkit run</c> or a library call of <c>WorkflowEngine.StartAsync</c>.
/// </summary>
public static class HandStartRules
{
    /// <summary>
    /// Returns true when the flow lists no triggers, or lists a <c>form</c> or an <c>api</c> trigger. A flow whose
    /// triggers are only schedules, record triggers or imports starts only from the engine.
    /// </summary>
    public static bool Allows(IReadOnlyList<TriggerDefinition>? triggers) =>
        triggers is not { Count: > 0 }
        || triggers.Any(trigger => trigger.Type is TriggerTypes.Form or TriggerTypes.Api);

    /// <summary>Describes the trigger types for a message, such as "schedule, record", each type once.</summary>
    public static string Describe(IReadOnlyList<TriggerDefinition> triggers)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        return string.Join(", ", triggers.Select(trigger => trigger.Type).Distinct(StringComparer.Ordinal));
    }
}
