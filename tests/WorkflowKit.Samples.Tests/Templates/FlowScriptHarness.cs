using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Expressions;

namespace WorkflowKit.Samples.Tests.Templates;

/// <summary>
/// Runs a script node of a biopharma flow in the engine's script host with default limits, on
/// 2026-03-10 in Asia/Shanghai, where <c>records.query(formKey, filter)</c> returns records that
/// the test supplies.
/// </summary>
internal static class FlowScriptHarness
{
    public static readonly DateOnly Today = new(2026, 3, 10);

    // NOTE: this JavaScript stands in for the engine's records.query until the engine provides it.
    // It returns the supplied records whose fields equal every property of the filter, as the scripts expect.
    private const string RecordsStandIn =
        "const records = { query: (formKey, filter) => (vars.__records[formKey] || [])" +
        ".filter((record) => Object.keys(filter).every((field) => record[field] === filter[field])) };\n";

    private static readonly ScriptHost Host = new();

    /// <summary>
    /// Runs the script with the flow's parameters as <c>params</c>, after <paramref name="edit"/> changed the flow
    /// as a process owner would in the designer, and with <paramref name="nodes"/> as the outputs of earlier nodes.
    /// </summary>
    public static ScriptResult Run(
        string flowKey, string nodeId, JsonObject form, JsonObject records, JsonObject? vars = null,
        Action<FlowDefinition>? edit = null, JsonObject? nodes = null)
    {
        var path = Path.Combine(TestPaths.TemplatePackage, "flows", flowKey + ".flow.json");
        var flow = DefinitionJson.Deserialize<FlowDefinition>(File.ReadAllText(path));
        edit?.Invoke(flow);
        var script = flow.Nodes.Single(node => node.Id == nodeId).Script
            ?? throw new InvalidOperationException($"Node {nodeId} of {flowKey} has no script.");
        var scope = new ScriptScope
        {
            Form = form,
            Vars = vars ?? [],
            Params = ParameterTypes.ToScope(flow.Parameters),
            Nodes = nodes,
            Now = new DateTimeOffset(Today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)),
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        };
        scope.Vars["__records"] = records;

        var result = Host.Execute(RecordsStandIn + script, scope);
        result.Vars.Remove("__records");
        return result;
    }

    public static decimal Number(JsonNode? node) =>
        decimal.Parse(node?.ToJsonString() ?? "null", NumberStyles.Float, CultureInfo.InvariantCulture);

    public static string Text(JsonNode? node) => node?.GetValue<string>() ?? string.Empty;

    public static string Date(int daysFromToday) =>
        Today.AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
