namespace WorkflowKit.Definitions.Flows;

/// <summary>What starts a flow. See <see cref="TriggerTypes"/>.</summary>
public sealed class TriggerDefinition
{
    public string Type { get; set; } = TriggerTypes.Form;

    /// <summary>Five-field cron expression of a schedule trigger, evaluated in the flow's time zone.</summary>
    public string? Cron { get; set; }

    /// <summary>Form whose record changes start the flow (record triggers).</summary>
    public string? Form { get; set; }

    /// <summary>Record events that start the flow: "created", "updated".</summary>
    public List<string>? On { get; set; }

    /// <summary>For "updated": start only when one of these fields changed.</summary>
    public List<string>? Fields { get; set; }

    /// <summary>Extra condition on the record's data.</summary>
    public Conditions.Condition? Condition { get; set; }
}
