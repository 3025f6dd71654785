namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Simplified Chinese text of the instance page's migration plan (<see cref="Portal.MigrationText"/>) and of the
/// migration line of the audit trail. Merged into <see cref="ChineseStrings.Values"/>.
/// </summary>
public static class MigrationChineseStrings
{
    public static IReadOnlyDictionary<string, string> Values { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["moved from version {0} to version {1}"] = "从版本 {0} 迁移到版本 {1}",
        ["waits for its task"] = "等待任务处理",
        ["waits for a timer"] = "等待定时器",
        ["waits for a sub-flow"] = "等待子流程",
        ["waits for a reply"] = "等待外部回复",
        ["waits to retry"] = "等待重试",
        ["stopped at a fault"] = "因故障停止",
        ["about to run"] = "即将执行",
        ["waits at the join"] = "在汇聚节点等待",
        ["arrived from {0}"] = "已从{0}到达",
        ["arrived from {0}, counts for the branch from {1}"] = "已从{0}到达，计入来自{1}的分支",
        ["from {0}: {1}"] = "来自{0}：{1}",
        ["This submission has ended, so it cannot move to another version."] = "该申请已结束，不能迁移到其他版本。",
        ["Version {0} of this flow is not published. Publish it first."] = "该流程的版本 {0} 尚未发布，请先发布。",
        ["This submission already runs version {0}."] = "该申请已在运行版本 {0}。",
        ["Version {0} belongs to another flow."] = "版本 {0} 属于其他流程。",
        ["The mapping {0}={1} names a node or connection that does not exist."] = "映射 {0}={1} 指向不存在的节点或连线。",
        ["Node {0} has a waiting position or an open task, but version {1} has no such node. Let the submission finish on its version, or map the node to one of version {1} with {2} {3}=NEW_ID."] =
            "节点{0}有等待中的位置或未完成的任务，但版本 {1} 中没有该节点。请让该申请在原版本上完成，或用 {2} {3}=NEW_ID 将它映射到版本 {1} 的节点。",
        ["Node {0} is of type {1}, but in version {2} it is of type {3}. Let the submission finish on its version."] =
            "节点{0}的类型是{1}，但在版本 {2} 中是{3}。请让该申请在原版本上完成。",
        ["In version {0}, the join {1} closes other parallel splits, so the branches waiting there cannot move. Let the submission finish on version {2}."] =
            "在版本 {0} 中，汇聚节点{1}汇合的是其他并行分支，在此等待的分支无法迁移。请让该申请在版本 {2} 上完成。",
        ["The branch from {0} has already arrived at {1}, but version {2} has no node {0}, so the join could not count that arrival. If the node was renamed, map it with {3} {4}=NEW_ID. Otherwise let the submission finish on version {5}."] =
            "来自{0}的分支已到达{1}，但版本 {2} 中没有节点{0}，汇聚时无法计入这次到达。如果该节点只是改了 ID，请用 {3} {4}=NEW_ID 映射；否则请让该申请在版本 {5} 上完成。",
        ["The branch from {0} has already arrived at {1}, but in version {2} node {0} no longer leads into {1}, so the join could not count that arrival. Connect {0} to {1} again in a new version, map the arrival with {3} {4}=EDGE_ID, or let the submission finish on version {5}."] =
            "来自{0}的分支已到达{1}，但在版本 {2} 中节点{0}不再通往{1}，汇聚时无法计入这次到达。请在新版本中把{0}重新连到{1}，或用 {3} {4}=EDGE_ID 映射这次到达，或让该申请在版本 {5} 上完成。",
        ["The branch from {0} has already arrived at {1}, but in version {2} node {0} leads into {1} on several connections ({3}), so the arrival cannot be counted for one of them. Map it with {4} {5}=EDGE_ID, or let the submission finish on version {6}."] =
            "来自{0}的分支已到达{1}，但在版本 {2} 中节点{0}经多条连线（{3}）通往{1}，无法确定这次到达计入哪一条。请用 {4} {5}=EDGE_ID 映射，或让该申请在版本 {6} 上完成。",
        ["Two branches that have already arrived at {0} enter it on one connection in version {1}, so the join would count one branch twice. Let the submission finish on version {2}."] =
            "两条已到达{0}的分支在版本 {1} 中经同一条连线汇入，汇聚时会把一条分支计算两次。请让该申请在版本 {2} 上完成。",
        ["Only administrators may move a submission to another flow version. Ask an administrator to do it."] =
            "只有管理员可以把申请迁移到流程的其他版本。请联系管理员操作。",
        ["The submission changed since the plan was shown, or a problem now blocks the migration, so nothing was migrated. Show the plan again to see the current one."] =
            "显示迁移计划之后申请已有变化，或现在有问题阻止迁移，因此没有迁移任何内容。请重新显示迁移计划查看最新情况。",
    };
}
