using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Runtime.Approvals;

/// <summary>
/// The state of one entry into a human node, kept on the waiting token: the mode, the signers
/// in order (sequential mode acts on them one at a time), the position reached, the peer
/// tasks that an escalation added beside an overdue task, and the signers that approvers added.
/// </summary>
/// <remarks>
/// Each task that the round creates for an assignee opens a share: the part of the decision that this assignee
/// owes. Escalation peers, added signers and a task brought back after a deferral belong to the share of the task
/// they were created for, so countersign, or-sign, sequential and vote rounds count shares, not tasks.
/// </remarks>
internal sealed class ApprovalRound
{
    public string Mode { get; set; } = ApprovalModes.Single;

    public List<string> Order { get; set; } = [];

    public int Position { get; set; }

    public decimal VoteRatio { get; set; } = 0.5m;

    /// <summary>
    /// Peer task id to the id of the escalated task it was added beside. An escalated task and its
    /// peers form one or-sign group: the first of them to decide settles the group, and the group
    /// counts as one task in the round.
    /// </summary>
    public Dictionary<string, string> Peers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Task id to the id of the share's first task, for the tasks of added signers and the tasks brought back after
    /// a deferral. A task listed neither here nor in <see cref="Peers"/> opens its own share.
    /// </summary>
    public Dictionary<string, string> Shares { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Signers added before an approver who have not approved yet, and signers added after one still queued.</summary>
    public List<AddedSigner> Signers { get; set; } = [];

    /// <summary>The id of the escalated task whose group contains the task, or the task's own id outside a group.</summary>
    public string PrimaryOf(string taskId) => Peers.TryGetValue(taskId, out var escalated) ? escalated : taskId;

    /// <summary>The id of the first task of the share that the task belongs to.</summary>
    public string ShareOf(string taskId)
    {
        var current = PrimaryOf(taskId);
        return Shares.TryGetValue(current, out var first) ? first : current;
    }

    /// <summary>The ids of the escalation group of a task, itself included, or an empty list when it has no group.</summary>
    public IReadOnlyList<string> GroupOf(string taskId)
    {
        var primary = Peers.TryGetValue(taskId, out var escalated) ? escalated : taskId;
        var peers = Peers.Where(pair => pair.Value == primary).Select(pair => pair.Key).ToList();
        return peers.Count == 0 ? [] : [primary, .. peers];
    }

    public JsonObject ToJson() => new()
    {
        ["mode"] = Mode,
        ["order"] = new JsonArray([.. Order.Select(user => (JsonNode)user)]),
        ["position"] = Position,
        ["voteRatio"] = VoteRatio,
        ["peers"] = new JsonObject([.. Peers.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))]),
        ["shares"] = new JsonObject([.. Shares.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))]),
        ["signers"] = new JsonArray([.. Signers.Select(signer => (JsonNode)signer.ToJson())]),
    };

    public static ApprovalRound FromJson(JsonObject? json) => json is null
        ? new ApprovalRound()
        : new ApprovalRound
        {
            Mode = json["mode"]?.GetValue<string>() ?? ApprovalModes.Single,
            Order = [.. (json["order"] as JsonArray ?? []).Select(node => node!.GetValue<string>())],
            Position = json["position"]?.GetValue<int>() ?? 0,
            VoteRatio = json["voteRatio"]?.GetValue<decimal>() ?? 0.5m,
            Peers = (json["peers"] as JsonObject ?? []).ToDictionary(
                pair => pair.Key, pair => pair.Value!.GetValue<string>(), StringComparer.Ordinal),
            Shares = (json["shares"] as JsonObject ?? []).ToDictionary(
                pair => pair.Key, pair => pair.Value!.GetValue<string>(), StringComparer.Ordinal),
            Signers = [.. (json["signers"] as JsonArray ?? []).Select(node => AddedSigner.FromJson(node!.AsObject()))],
        };
}
