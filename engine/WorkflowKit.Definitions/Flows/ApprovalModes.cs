namespace WorkflowKit.Definitions.Flows;

/// <summary>How the assignees of an approval node decide.</summary>
public static class ApprovalModes
{
    /// <summary>One assignee decides.</summary>
    public const string Single = "single";

    /// <summary>Countersign (会签): every assignee must approve; one rejection rejects.</summary>
    public const string Countersign = "countersign";

    /// <summary>Or-sign (或签): the first assignee to act decides.</summary>
    public const string OrSign = "orSign";

    /// <summary>Sequential (依次审批): assignees act one after another in the listed order.</summary>
    public const string Sequential = "sequential";

    /// <summary>Vote: approved once the approving share reaches <see cref="NodeDefinition.VoteRatio"/>.</summary>
    public const string Vote = "vote";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Single, Countersign, OrSign, Sequential, Vote,
    };
}
