using System.Text.Json.Nodes;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// The part of a flow definition that staff see through the API, enough to draw the path an instance took. It contains
/// the flow's key, name and form, each node's id, type, name and position, and each edge's ends and label. Scripts,
/// conditions, parameters, assignee rules, HTTP settings and the other node settings stay with the people who may
/// design flows, so that a salesperson does not read the thresholds of an automatic check.
/// </summary>
internal static class FlowOutline
{
    private static readonly string[] FlowProperties = ["kind", "key", "name", "form"];

    private static readonly string[] NodeProperties = ["id", "type", "name", "position"];

    private static readonly string[] EdgeProperties = ["id", "from", "to", "label"];

    /// <summary>
    /// Returns <paramref name="instance"/> unchanged for a user who may design flows, and otherwise with its
    /// <see cref="InstanceDetail.FlowJson"/> cut down to the outline.
    /// </summary>
    public static InstanceDetail ForReader(InstanceDetail instance, UserContext user) =>
        user.CanDesign ? instance : instance with { FlowJson = Outline(instance.FlowJson) };

    /// <summary>Returns the outline of a flow definition's JSON as JSON.</summary>
    public static string Outline(string flowJson)
    {
        var flow = JsonNode.Parse(flowJson)?.AsObject()
                   ?? throw new ArgumentException("The flow definition is the JSON literal null.", nameof(flowJson));
        var outline = Pick(flow, FlowProperties);
        outline["nodes"] = PickEach(flow["nodes"], NodeProperties);
        outline["edges"] = PickEach(flow["edges"], EdgeProperties);
        return outline.ToJsonString();
    }

    private static JsonArray PickEach(JsonNode? items, string[] properties) =>
        [.. (items as JsonArray ?? []).OfType<JsonObject>().Select(item => (JsonNode)Pick(item, properties))];

    private static JsonObject Pick(JsonObject source, string[] properties)
    {
        var picked = new JsonObject();
        foreach (var name in properties)
        {
            if (source[name] is { } value)
            {
                picked[name] = value.DeepClone();
            }
        }

        return picked;
    }
}
