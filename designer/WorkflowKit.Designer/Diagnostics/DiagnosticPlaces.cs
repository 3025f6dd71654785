using System.Globalization;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Localization;

namespace WorkflowKit.Designer.Diagnostics;

/// <summary>
/// Names the place a JSON pointer points to in the page's language: the node, branch, field or rule, each by the
/// name the owner gave it with its id in parentheses, such as <c>Node "Adjust order" (adjustOrder)</c>.
/// </summary>
public sealed class DiagnosticPlaces(UiText text, DiagnosticSubject subject)
{
    private UiText T { get; } = text;

    /// <summary>Returns the place, or null when the pointer names the whole document or a part with no name.</summary>
    public string? Describe(string pointer)
    {
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape).ToArray();
        if (segments.Length == 0)
        {
            return null;
        }

        var index = segments.Length > 1 && int.TryParse(segments[1], CultureInfo.InvariantCulture, out var i) ? i : -1;
        return segments[0] switch
        {
            "nodes" when subject.Flow?.Nodes.ElementAtOrDefault(index) is { } node => Node(node.Id),
            "edges" when subject.Flow?.Edges.ElementAtOrDefault(index) is { } edge => Edge(edge),
            "fields" when subject.Form?.Fields.ElementAtOrDefault(index) is { } field => Field(field, segments),
            "rules" when subject.Form?.Rules?.ElementAtOrDefault(index) is { } rule => Rule(rule, segments),
            "triggers" when index >= 0 => T.Format("Trigger {0}", index + 1),
            "titleField" => T["Title field"],
            "indexedFields" => T["Indexed fields"],
            _ => null,
        };
    }

    /// <summary>
    /// Names a place that <see cref="Describe"/> has no name for: the whole document, or the JSON pointer itself.
    /// </summary>
    public string Location(string pointer) =>
        pointer.Length == 0 ? T["This document"] : T.Format("The setting at {0}", pointer);

    /// <summary>
    /// Returns the last segment of <paramref name="pointer"/> that is a property name rather than an array index,
    /// such as "deadline" for <c>/nodes/2/deadline</c>, or an empty string for the whole document.
    /// </summary>
    public static string Setting(string pointer) =>
        pointer.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(Unescape)
            .LastOrDefault(segment => !int.TryParse(segment, CultureInfo.InvariantCulture, out _)) ?? string.Empty;

    /// <summary>Returns a node as <c>Node "name" (id)</c>, or with the bare id when the flow has no such node.</summary>
    public string Node(string id) => T.Format("Node {0}", NodeName(id));

    /// <summary>Returns a node's name with its id, such as <c>"Adjust order" (adjustOrder)</c>.</summary>
    public string NodeName(string id) =>
        Named(subject.Flow?.Nodes.FirstOrDefault(node => node.Id == id)?.Name?.Get(T.Culture), id);

    /// <summary>Returns a field's label with its id, or the quoted path when the form has no such field.</summary>
    public string FieldName(string path) =>
        Named(subject.Form?.Fields.FirstOrDefault(field => field.Id == path)?.Label.Get(T.Culture), path);

    private string Edge(EdgeDefinition edge)
    {
        var from = subject.Flow!.Nodes.FirstOrDefault(node => node.Id == edge.From);
        var toName = ShortName(edge.To);
        if (from?.Type == NodeTypes.Condition || from?.Type == NodeTypes.ParallelSplit)
        {
            var branch = edge.Label?.Get(T.Culture) is { Length: > 0 } label ? label + " → " + toName : "→ " + toName;
            return T.Format("Branch {0} of {1}", Named(branch, edge.Id), NodeName(edge.From));
        }

        return T.Format("Connection {0}", Named(ShortName(edge.From) + " → " + toName, edge.Id));
    }

    private string Field(FieldDefinition field, string[] segments)
    {
        var columnIndex = segments.Length > 3 && segments[2] == "fields"
            && int.TryParse(segments[3], CultureInfo.InvariantCulture, out var c) ? c : -1;
        return field.Fields?.ElementAtOrDefault(columnIndex) is { } column
            ? T.Format("Column {0} of {1}", Named(column.Label.Get(T.Culture), column.Id),
                Named(field.Label.Get(T.Culture), field.Id))
            : T.Format("Field {0}", Named(field.Label.Get(T.Culture), field.Id));
    }

    private string Rule(FormRule rule, string[] segments)
    {
        var name = Named(rule.Message.Get(T.Culture), rule.Id);
        return segments.ElementAtOrDefault(2) switch
        {
            "condition" => T.Format("Condition of rule {0}", name),
            "fields" => T.Format("Fields marked by rule {0}", name),
            _ => T.Format("Rule {0}", name),
        };
    }

    private string ShortName(string id) =>
        subject.Flow?.Nodes.FirstOrDefault(node => node.Id == id)?.Name?.Get(T.Culture) is { Length: > 0 } name
            ? name
            : id;

    private static string Unescape(string segment) =>
        segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private string Named(string? name, string id) =>
        string.IsNullOrWhiteSpace(name) || name == id ? T.Format("\"{0}\"", id) : T.Format("\"{0}\" ({1})", name, id);
}
