namespace WorkflowKit.Definitions.Flows;

/// <summary>A reminder sent to the assignees a set time before the deadline.</summary>
public sealed class ReminderDefinition
{
    /// <summary>ISO 8601 duration before the deadline, such as "PT4H".</summary>
    public string Before { get; set; } = "PT1H";
}
