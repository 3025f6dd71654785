using System.Text.Json;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;

namespace WorkflowKit.Designer.Services.Interim;

/// <summary>
/// The checks the designer needs before publishing: a readable document, one start, a reachable
/// end, edges between existing nodes, assignees on human nodes and one default per condition.
/// </summary>
/// <remarks>NOTE: interim until the definitions validator lands; then this delegates to it.</remarks>
public static class BasicDefinitionChecker
{
    public static IReadOnlyList<DesignerDiagnostic> Check(DefinitionKind kind, string json)
    {
        try
        {
            return kind == DefinitionKind.Flow
                ? CheckFlow(DefinitionJson.Deserialize<FlowDefinition>(json))
                : CheckForm(DefinitionJson.Deserialize<FormDefinition>(json));
        }
        catch (JsonException error)
        {
            return [new DesignerDiagnostic(DiagnosticSeverity.Error, "WK0001", error.Message, error.Path ?? "")];
        }
    }

    public static IReadOnlyList<DesignerDiagnostic> CheckForm(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = new List<DesignerDiagnostic>();
        if (string.IsNullOrWhiteSpace(form.Key))
        {
            result.Add(Error("WK0002", "The form has no key; give it a stable key such as \"order\".", "/key"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < form.Fields.Count; i++)
        {
            var field = form.Fields[i];
            if (string.IsNullOrWhiteSpace(field.Id) || !seen.Add(field.Id))
            {
                result.Add(Error("WK0101", $"Field #{i + 1} has an empty or repeated id '{field.Id}'; ids must be unique.",
                    $"/fields/{i}/id") with { FieldId = field.Id });
            }

            if (!FieldTypes.All.Contains(field.Type))
            {
                result.Add(Error("WK0102", $"Field '{field.Id}' has unknown type '{field.Type}'.", $"/fields/{i}/type")
                    with { FieldId = field.Id });
            }

            if (field.Type is FieldTypes.SingleSelect or FieldTypes.MultiSelect && field.Options is not { Count: > 0 }
                && field.Linkage is null)
            {
                result.Add(Error("WK0103", $"Select field '{field.Id}' has no options; add at least one.",
                    $"/fields/{i}/options") with { FieldId = field.Id });
            }
        }

        return result;
    }

    public static IReadOnlyList<DesignerDiagnostic> CheckFlow(FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var result = new List<DesignerDiagnostic>();
        var nodes = flow.Nodes.ToDictionary(node => node.Id, StringComparer.Ordinal);
        var starts = flow.Nodes.Where(node => node.Type == NodeTypes.Start).ToList();
        if (starts.Count != 1)
        {
            result.Add(Error("WK0201", $"A flow needs exactly one start node; found {starts.Count}.", "/nodes"));
        }

        if (!flow.Nodes.Any(node => node.Type == NodeTypes.End))
        {
            result.Add(Error("WK0202", "The flow has no end node; add one and connect it.", "/nodes"));
        }

        for (var i = 0; i < flow.Edges.Count; i++)
        {
            var edge = flow.Edges[i];
            foreach (var (end, name) in new[] { (edge.From, "from"), (edge.To, "to") })
            {
                if (!nodes.ContainsKey(end))
                {
                    result.Add(Error("WK0203", $"Edge '{edge.Id}' points {name} node '{end}', which does not exist.",
                        $"/edges/{i}/{name}") with { EdgeId = edge.Id });
                }
            }
        }

        for (var i = 0; i < flow.Nodes.Count; i++)
        {
            CheckNode(flow, flow.Nodes[i], i, result);
        }

        if (starts.Count == 1)
        {
            var reached = Reachable(flow, starts[0].Id);
            foreach (var (node, index) in flow.Nodes.Select((node, index) => (node, index)))
            {
                if (!reached.Contains(node.Id))
                {
                    result.Add(Error("WK0210", $"Node '{node.Id}' cannot be reached from the start; connect it or delete it.",
                        $"/nodes/{index}") with { NodeId = node.Id });
                }
            }
        }

        return result;
    }

    private static void CheckNode(FlowDefinition flow, NodeDefinition node, int index, List<DesignerDiagnostic> result)
    {
        var pointer = $"/nodes/{index}";
        var outgoing = flow.Edges.Where(edge => edge.From == node.Id).ToList();
        if (!NodeTypes.All.Contains(node.Type))
        {
            result.Add(Error("WK0204", $"Node '{node.Id}' has unknown type '{node.Type}'.", pointer + "/type")
                with { NodeId = node.Id });
        }

        if (NodeTypes.Human.Contains(node.Type) && node.Assignees is not { Count: > 0 })
        {
            result.Add(Error("WK0205", $"Node '{node.Id}' has no assignees; add a user, role or other rule.",
                pointer + "/assignees") with { NodeId = node.Id });
        }

        if (node.Type != NodeTypes.End && outgoing.Count == 0)
        {
            result.Add(Error("WK0206", $"Node '{node.Id}' has no outgoing edge; connect it to the next step.", pointer)
                with { NodeId = node.Id });
        }

        if (node.Type == NodeTypes.Condition)
        {
            var defaults = outgoing.Count(edge => edge.IsDefault);
            if (defaults != 1)
            {
                result.Add(Error("WK0207",
                    $"Condition node '{node.Id}' needs exactly one default edge, taken when no condition holds; found {defaults}.",
                    pointer) with { NodeId = node.Id });
            }

            foreach (var edge in outgoing.Where(edge => !edge.IsDefault && edge.Condition is null))
            {
                result.Add(Error("WK0208", $"Edge '{edge.Id}' leaves condition node '{node.Id}' without a condition.",
                    $"/edges/{flow.Edges.IndexOf(edge)}") with { NodeId = node.Id, EdgeId = edge.Id });
            }
        }
        else if (node.Type != NodeTypes.ParallelSplit && outgoing.Count > 1)
        {
            result.Add(Error("WK0209",
                $"Node '{node.Id}' has {outgoing.Count} outgoing edges; only condition and parallel split nodes branch.",
                pointer) with { NodeId = node.Id });
        }
    }

    private static HashSet<string> Reachable(FlowDefinition flow, string start)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var edge in flow.Edges.Where(edge => edge.From == current && reached.Add(edge.To)))
            {
                queue.Enqueue(edge.To);
            }
        }

        return reached;
    }

    private static DesignerDiagnostic Error(string code, string message, string pointer) =>
        new(DiagnosticSeverity.Error, code, message, pointer);
}
