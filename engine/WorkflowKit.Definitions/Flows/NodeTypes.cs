namespace WorkflowKit.Definitions.Flows;

/// <summary>Names of the node types of format version 1.</summary>
public static class NodeTypes
{
    public const string Start = "start";
    public const string FillIn = "fillIn";
    public const string Approval = "approval";
    public const string CarbonCopy = "cc";
    public const string Condition = "condition";
    public const string ParallelSplit = "parallelSplit";
    public const string ParallelJoin = "parallelJoin";
    public const string CreateRecord = "createRecord";
    public const string UpdateRecord = "updateRecord";
    public const string Http = "http";
    public const string Script = "script";
    public const string Notification = "notification";
    public const string SubFlow = "subFlow";
    public const string Service = "service";
    public const string Timer = "timer";
    public const string End = "end";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Start, FillIn, Approval, CarbonCopy, Condition, ParallelSplit, ParallelJoin, CreateRecord, UpdateRecord,
        Http, Script, Notification, SubFlow, Service, Timer, End,
    };

    /// <summary>Node types that create tasks for people.</summary>
    public static IReadOnlySet<string> Human { get; } = new HashSet<string>(StringComparer.Ordinal) { FillIn, Approval };
}
