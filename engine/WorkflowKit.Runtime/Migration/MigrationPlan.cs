namespace WorkflowKit.Runtime.Migration;

/// <summary>
/// What moving one running instance to another published version of its flow would do: every live
/// token and open task with its node in both versions, and every problem that blocks the move.
/// </summary>
/// <param name="InstanceId">The instance to move.</param>
/// <param name="FlowKey">The flow of the instance.</param>
/// <param name="SourceVersion">The flow version the instance runs on now.</param>
/// <param name="TargetVersion">The flow version to move it to.</param>
/// <param name="InstanceVersion">
/// The instance's row version the plan was made from. Applying the plan fails with a conflict when the
/// instance changed since.
/// </param>
/// <param name="NodeMapping">Node id in the source version to node id in the target version, as requested.</param>
/// <param name="Items">The live tokens and open tasks, in creation order.</param>
/// <param name="Problems">Everything that blocks the move. Empty when the plan can be applied.</param>
public sealed record MigrationPlan(
    string InstanceId,
    string FlowKey,
    int SourceVersion,
    int TargetVersion,
    long InstanceVersion,
    IReadOnlyDictionary<string, string> NodeMapping,
    IReadOnlyList<MigrationItem> Items,
    IReadOnlyList<MigrationProblem> Problems)
{
    /// <summary>Whether the plan has no problems and can be applied.</summary>
    public bool CanMigrate => Problems.Count == 0;
}
