using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Runtime.Approvals;

/// <summary>
/// The state of one entry into a human node, kept on the waiting token: the mode, the signers
/// in order (sequential mode acts on them one at a time) and the position reached.
/// </summary>
internal sealed class ApprovalRound
{
    public string Mode { get; set; } = ApprovalModes.Single;

    public List<string> Order { get; set; } = [];

    public int Position { get; set; }

    public decimal VoteRatio { get; set; } = 0.5m;

    public JsonObject ToJson() => new()
    {
        ["mode"] = Mode,
        ["order"] = new JsonArray([.. Order.Select(user => (JsonNode)user)]),
        ["position"] = Position,
        ["voteRatio"] = VoteRatio,
    };

    public static ApprovalRound FromJson(JsonObject? json) => json is null
        ? new ApprovalRound()
        : new ApprovalRound
        {
            Mode = json["mode"]?.GetValue<string>() ?? ApprovalModes.Single,
            Order = [.. (json["order"] as JsonArray ?? []).Select(node => node!.GetValue<string>())],
            Position = json["position"]?.GetValue<int>() ?? 0,
            VoteRatio = json["voteRatio"]?.GetValue<decimal>() ?? 0.5m,
        };
}
