using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace WorkflowKit.Expressions;

/// <summary>
/// The values a script sees as globals: <c>form</c>, <c>vars</c>, <c>params</c>, <c>initiator</c>, <c>row</c>, <c>record</c>,
/// <c>nodes</c>, <c>user</c>, <c>now</c>, <c>timeZone</c> and <c>records</c>. Each form field whose id is a plain identifier is also a global
/// of its own (read it as <c>total</c> or <c>form.total</c>; write it as <c>form.total</c>).
/// </summary>
/// <remarks>
/// The host copies these values into the script engine; the objects passed here are never modified.
/// Numbers enter scripts as the double nearest to their decimal text.
/// </remarks>
public sealed record ScriptScope
{
    /// <summary>The form's field values by field id.</summary>
    public JsonObject Form { get; init; } = [];

    /// <summary>Flow variables by name.</summary>
    public JsonObject Vars { get; init; } = [];

    /// <summary>
    /// The flow's parameters by id, read-only: reading or writing one that is not here raises a script error that
    /// names it.
    /// </summary>
    public JsonObject Params { get; init; } = [];

    /// <summary>The user who started the instance: id, name, department, region, roles.</summary>
    public JsonObject? Initiator { get; init; }

    /// <summary>The current sub-table row, when the script runs per row.</summary>
    public JsonObject? Row { get; init; }

    /// <summary>The stored record an updateRecord node is writing, as <c>record</c>; null elsewhere.</summary>
    public JsonObject? Record { get; init; }

    /// <summary>
    /// The reader behind <c>records.query(formKey, filter)</c>: it returns the data of the live records of the
    /// form whose fields equal every property of <c>filter</c>. When null, calling <c>records.query</c> raises a
    /// script error that says record queries are not available in this context.
    /// </summary>
    public Func<string, JsonObject, IReadOnlyList<JsonObject>>? QueryRecords { get; init; }

    /// <summary>Outputs of earlier automatic nodes, by node id.</summary>
    public JsonObject? Nodes { get; init; }

    /// <summary>The user on whose behalf the script runs (the task assignee or the API caller).</summary>
    public JsonObject? User { get; init; }

    /// <summary>
    /// The current instant, exposed as the JavaScript Date <c>now</c> and used by <c>new Date()</c> and
    /// <c>Date.now()</c>. When null, the host's <see cref="TimeProvider"/> supplies it.
    /// </summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>The tenant time zone: JavaScript local-time Date methods use it. Default UTC.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>
    /// Names of the JSON objects of the scope, which the host binds to a new copy on every run.
    /// </summary>
    internal static FrozenSet<string> ObjectNames { get; } =
        FrozenSet.Create(StringComparer.Ordinal, "form", "vars", "params", "initiator", "row", "record", "nodes", "user");

    /// <summary>Returns the JSON object a script sees as <paramref name="name"/>, one of <see cref="ObjectNames"/>.</summary>
    internal JsonObject? ObjectNamed(string name) => name switch
    {
        "form" => Form,
        "vars" => Vars,
        "params" => Params,
        "initiator" => Initiator,
        "row" => Row,
        "record" => Record,
        "nodes" => Nodes,
        "user" => User,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a scope object name."),
    };
}
