using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Expressions;

/// <summary>
/// What an expression sees: <c>form</c>, <c>vars</c>, <c>params</c> (the flow version's parameters), <c>initiator</c> (id, department,
/// attributes), <c>nodes</c> (outputs of earlier nodes, such as <c>nodes.review.outcome</c>),
/// <c>records</c> (read-only record queries), and inside record and sub-table writes <c>record</c>
/// and <c>row</c>.
/// </summary>
public sealed record ExpressionScope(JsonObject Form, JsonObject Vars, JsonObject Initiator, JsonObject Nodes)
{
    /// <summary>The parameters of the instance's flow version, by id.</summary>
    public JsonObject Params { get; init; } = [];

    public JsonNode? Record { get; init; }

    public JsonNode? Row { get; init; }

    /// <summary>The step's instant, seen by <c>new Date()</c> in scripts.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>The flow's time zone, used by local-time Date methods in scripts.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>The reader behind <c>records.query(formKey, filter)</c>, bound to the step's transaction.</summary>
    public Func<string, JsonObject, IReadOnlyList<JsonObject>>? QueryRecords { get; init; }
}
