using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Audit;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>Audit lines shaped like an engine step's: a person's line, then runs of the engine's own lines.</summary>
internal static class AuditRunEntries
{
    private static readonly DateTimeOffset Now = RuntimeStoreFixture.Now;

    /// <summary>
    /// A start of <paramref name="instanceId"/>: the initiator's line with its snapshot, four engine lines (one a
    /// second later, one with a comment, one with a task), a line of <paramref name="otherInstanceId"/> between
    /// them, and two more engine lines.
    /// </summary>
    public static List<AuditEntry> Step(string instanceId, string otherInstanceId) =>
    [
        new(0, instanceId, Now, "alice", AuditActions.InstanceStarted, "start", null, null,
            new JsonObject { ["amount"] = "12.50" }, null),
        new(0, instanceId, Now, "system", AuditActions.NodeEntered, "start", null, null, null, null),
        new(0, instanceId, Now, "system", AuditActions.NodeCompleted, "start", null, null, null,
            new JsonObject { ["edge"] = "e1" }),
        new(0, instanceId, Now.AddSeconds(1), "system", AuditActions.NodeEntered, "approve", null, "自动 note", null,
            null),
        new(0, instanceId, Now.AddSeconds(1), "system", AuditActions.TaskCreated, "approve", "task-1", null, null,
            new JsonObject { ["assignee"] = "bob", ["due"] = new JsonArray(1, "x") }),
        new(0, otherInstanceId, Now, "system", AuditActions.NodeEntered, "start", null, null, null, null),
        new(0, otherInstanceId, Now, "system", AuditActions.NodeCompleted, "start", null, null, null, null),
        new(0, instanceId, Now.AddSeconds(2), "system", AuditActions.NodeEntered, "check", null, null, null, null),
    ];

    /// <summary>A person's decision, a single engine line with a form snapshot, and two engine lines.</summary>
    public static List<AuditEntry> NextStep(string instanceId) =>
    [
        new(0, instanceId, Now.AddMinutes(1), "bob", "task.approved", "approve", "task-1", "ok",
            new JsonObject { ["amount"] = "13.00" }, null),
        new(0, instanceId, Now.AddMinutes(1), "system", AuditActions.NodeCompleted, "approve", null, null,
            new JsonObject { ["amount"] = "13.00" }, null),
        new(0, instanceId, Now.AddMinutes(1), "system", AuditActions.NodeCompleted, "check", null, null, null,
            new JsonObject { ["changes"] = new JsonObject { ["amount"] = new JsonObject { ["old"] = 1, ["new"] = 2 } } }),
        new(0, instanceId, Now.AddMinutes(1), "system", AuditActions.InstanceCompleted, null, null, null, null, null),
    ];

    /// <summary>Everything of a line but its id, as text that a failed assertion shows.</summary>
    public static string Describe(AuditEntry entry) => string.Join(
        " | ", entry.InstanceId, entry.At.ToString("O"), entry.Actor, entry.Action, entry.NodeId, entry.TaskId,
        entry.Comment, entry.FormSnapshot?.ToJsonString(), entry.Details?.ToJsonString());
}
