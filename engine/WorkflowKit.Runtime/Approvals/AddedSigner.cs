using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Approvals;

/// <summary>
/// A signer that an approver added and whose turn has not passed yet. A signer added before has a task and
/// <see cref="Host"/> is the approver's deferred task, which comes back when the signer approves. A signer added
/// after has no task yet (<see cref="TaskId"/> is null) and gets one when <see cref="Host"/> is approved.
/// </summary>
/// <param name="User">The added signer's user id.</param>
/// <param name="Position"><see cref="Before"/> or <see cref="After"/>.</param>
/// <param name="Host">The id of the approver's task, or of its escalated task when a peer added the signer.</param>
/// <param name="TaskId">The added signer's task, or null while a signer added after waits for the approval.</param>
internal sealed record AddedSigner(string User, string Position, string Host, string? TaskId)
{
    public const string Before = "before";

    public const string After = "after";

    public JsonObject ToJson() => new()
    {
        ["user"] = User,
        ["position"] = Position,
        ["host"] = Host,
        ["taskId"] = TaskId,
    };

    public static AddedSigner FromJson(JsonObject json) => new(
        json["user"]!.GetValue<string>(),
        json["position"]!.GetValue<string>(),
        json["host"]!.GetValue<string>(),
        json["taskId"]?.GetValue<string>());
}
