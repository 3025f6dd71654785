using System.Text.Json.Nodes;

namespace WorkflowKit.Expressions;

/// <summary>The data a condition is evaluated against.</summary>
/// <remarks>
/// Rule field paths resolve against it: "total" or "form.total" (form field), "vars.x", "params.limit",
/// "initiator.region",
/// "row.qty" (current sub-table row), "user.region", "nodes.credit.limit". A rule's <c>valueFrom</c>
/// ("user.region") reads <see cref="User"/>.
/// </remarks>
public sealed record ConditionContext
{
    public JsonObject Form { get; init; } = [];

    public JsonObject? Vars { get; init; }

    /// <summary>The flow's parameters by id, read as "params.ID".</summary>
    public JsonObject? Params { get; init; }

    /// <summary>The user who started the instance: id, name, department, region, roles.</summary>
    public JsonObject? Initiator { get; init; }

    /// <summary>The current user, for data permission rules that compare a field with the user's attributes.</summary>
    public JsonObject? User { get; init; }

    /// <summary>The current sub-table row, when the condition is evaluated per row.</summary>
    public JsonObject? Row { get; init; }

    /// <summary>Outputs of earlier automatic nodes, by node id.</summary>
    public JsonObject? Nodes { get; init; }

    /// <summary>For JavaScript conditions: the current instant; null means the host's clock.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>For JavaScript conditions: the tenant time zone. Default UTC.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The reader behind <c>records.query</c> in JavaScript conditions; see <see cref="ScriptScope.QueryRecords"/>.</summary>
    public Func<string, JsonObject, IReadOnlyList<JsonObject>>? QueryRecords { get; init; }

    internal ScriptScope ToScriptScope() => new()
    {
        Form = Form,
        Vars = Vars ?? [],
        Params = Params ?? [],
        Initiator = Initiator,
        User = User,
        Row = Row,
        Nodes = Nodes,
        Now = Now,
        TimeZone = TimeZone,
        QueryRecords = QueryRecords,
    };
}
