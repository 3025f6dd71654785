namespace WorkflowKit.Runtime.Migration;

/// <summary>A reason a migration plan cannot be applied, with what to do about it.</summary>
/// <param name="InstanceId">The instance the plan is for.</param>
/// <param name="NodeId">The node of the source version concerned, or null for problems of the whole instance.</param>
/// <param name="Code">One of <see cref="MigrationProblemCodes"/>.</param>
/// <param name="Message">What is wrong and what to do, in one or two sentences.</param>
public sealed record MigrationProblem(string InstanceId, string? NodeId, string Code, string Message)
{
    /// <summary>
    /// The values the message names, by name (such as <c>node</c>, <c>edge</c>, <c>targetVersion</c>), so that a
    /// screen can word the problem in its own language. Each code's names are listed at the code.
    /// </summary>
    public IReadOnlyDictionary<string, string> Arguments { get; init; } = new Dictionary<string, string>();
}

/// <summary>Codes of <see cref="MigrationProblem"/>.</summary>
public static class MigrationProblemCodes
{
    /// <summary>The instance has ended, and only running instances move.</summary>
    public const string InstanceNotRunning = "instanceNotRunning";

    /// <summary>The target version is not published.</summary>
    public const string TargetNotPublished = "targetNotPublished";

    /// <summary>The target version belongs to another flow.</summary>
    public const string OtherFlow = "otherFlow";

    /// <summary>The target version is the version the instance runs on.</summary>
    public const string SameVersion = "sameVersion";

    /// <summary>A node mapping names a node that one of the two versions does not have.</summary>
    public const string InvalidMapping = "invalidMapping";

    /// <summary>A live token or open task is at a node that the target version does not have.</summary>
    public const string NodeMissing = "nodeMissing";

    /// <summary>A live token or open task is at a node whose type differs in the target version.</summary>
    public const string NodeKindChanged = "nodeKindChanged";

    /// <summary>
    /// A token waits at a join, and the target version's join closes other parallel splits, so the token would
    /// belong to another split activation. Arguments: <c>join</c>, <c>sourceVersion</c>, <c>targetVersion</c>.
    /// </summary>
    public const string JoinChanged = "joinChanged";

    /// <summary>
    /// A token waits at a join, and the branch it arrived on no longer enters the target version's join: the
    /// node it came from is missing there or leads elsewhere. Arguments: <c>join</c>, <c>targetJoin</c>,
    /// <c>node</c> (the node the token came from), <c>nodeMissing</c> ("true" or "false"), <c>edge</c>,
    /// <c>sourceVersion</c>, <c>targetVersion</c>.
    /// </summary>
    public const string JoinBranchRemoved = "joinBranchRemoved";

    /// <summary>
    /// A token waits at a join, and the node it came from enters the target version's join on several edges, so
    /// the plan cannot tell which one the arrival counts for. Arguments: <c>join</c>, <c>targetJoin</c>,
    /// <c>node</c>, <c>edge</c>, <c>edges</c> (the candidates, comma-separated), <c>sourceVersion</c>,
    /// <c>targetVersion</c>.
    /// </summary>
    public const string JoinBranchAmbiguous = "joinBranchAmbiguous";

    /// <summary>
    /// Tokens waiting at a join arrived on two incoming edges that enter the target version's join on one edge,
    /// so the join would count one branch twice. Arguments: <c>join</c>, <c>targetJoin</c>, <c>edge</c>,
    /// <c>otherEdge</c>, <c>targetEdge</c>, <c>sourceVersion</c>, <c>targetVersion</c>.
    /// </summary>
    public const string JoinBranchesMerged = "joinBranchesMerged";
}
