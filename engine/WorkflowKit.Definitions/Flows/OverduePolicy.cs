namespace WorkflowKit.Definitions.Flows;

/// <summary>What happens when a task passes its deadline.</summary>
public sealed class OverduePolicy
{
    /// <summary>"remind", "approve", "reject", "return" or "escalate".</summary>
    public string Action { get; set; } = "remind";

    /// <summary>For "remind": ISO 8601 interval between repeated reminders.</summary>
    public string? Every { get; set; }

    /// <summary>For "escalate": who receives the task.</summary>
    public List<AssigneeRule>? To { get; set; }

    /// <summary>For "return": the node the task returns to; the previous human node when not set.</summary>
    public string? ReturnTo { get; set; }

    public static IReadOnlySet<string> Actions { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "remind", "approve", "reject", "return", "escalate",
    };
}
