namespace WorkflowKit.Runtime.Migration;

/// <summary>A reason a migration plan cannot be applied, with what to do about it.</summary>
/// <param name="InstanceId">The instance the plan is for.</param>
/// <param name="NodeId">The node of the source version concerned, or null for problems of the whole instance.</param>
/// <param name="Code">One of <see cref="MigrationProblemCodes"/>.</param>
/// <param name="Message">What is wrong and what to do, in one or two sentences.</param>
public sealed record MigrationProblem(string InstanceId, string? NodeId, string Code, string Message);

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

    /// <summary>A token waits at a join whose incoming edges or closed splits differ in the target version.</summary>
    public const string JoinChanged = "joinChanged";
}
