using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Definitions.Validation;

/// <summary>Which node properties apply to which node types; the others are ignored with a warning.</summary>
internal static class NodeApplicability
{
    private static readonly string[] Common = ["id", "type", "name", "position"];

    private static readonly string[] HumanTask =
        ["assignees", "fieldPermissions", "deadline", "reminders", "overdue", "actions", "allowReturnToInitiator"];

    private static readonly string[] RecordWrite = ["form", "values", "subTables", "resultVariable"];

    private static readonly Dictionary<string, HashSet<string>> PropertiesByType = new(StringComparer.Ordinal)
    {
        [NodeTypes.Start] = Set("fieldPermissions"),
        [NodeTypes.FillIn] = Set(HumanTask),
        [NodeTypes.Approval] = Set([.. HumanTask, "approvalMode", "voteRatio"]),
        [NodeTypes.CarbonCopy] = Set("recipients", "fallbackRecipients", "message", "fieldPermissions", "channel"),
        [NodeTypes.Condition] = Set(),
        [NodeTypes.ParallelSplit] = Set(),
        [NodeTypes.ParallelJoin] = Set(),
        [NodeTypes.CreateRecord] = Set(RecordWrite),
        [NodeTypes.UpdateRecord] = Set([.. RecordWrite, "recordId", "match"]),
        [NodeTypes.Http] = Set("method", "url", "headers", "body", "timeout", "retry", "resultVariable"),
        [NodeTypes.Script] = Set("script", "timeout", "retry", "resultVariable"),
        [NodeTypes.Notification] = Set("recipients", "fallbackRecipients", "message", "channel"),
        [NodeTypes.SubFlow] = Set("flow", "input", "wait", "forEach", "resultVariable"),
        [NodeTypes.Service] = Set("service", "input", "resultVariable"),
        [NodeTypes.Timer] = Set("duration", "until", "untilField"),
        [NodeTypes.End] = Set(),
    };

    /// <summary>Whether a property applies to a node type; true for unknown types (reported elsewhere).</summary>
    public static bool Applies(string nodeType, string property) =>
        !PropertiesByType.TryGetValue(nodeType, out var properties) || properties.Contains(property);

    private static HashSet<string> Set(params string[] specific) => new([.. Common, .. specific],
        StringComparer.Ordinal);
}
