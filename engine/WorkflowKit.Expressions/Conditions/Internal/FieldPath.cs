using System.Text.Json.Nodes;

namespace WorkflowKit.Expressions.Conditions.Internal;

/// <summary>A rule's field path split once into a root object and the property names below it.</summary>
internal sealed class FieldPath
{
    private readonly PathRoot _root;

    private FieldPath(string text, PathRoot root, string[] segments)
    {
        Text = text;
        _root = root;
        Segments = segments;
    }

    public string Text { get; }

    public string[] Segments { get; }

    /// <summary>
    /// Parses "total", "form.total", "vars.x", "params.limit", "initiator.region", "row.qty", "user.region", "nodes.n1.out"
    /// and "lines.amount" (a column of sub-table "lines").
    /// </summary>
    public static FieldPath Parse(string text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"{what} has no field path; expected a field id such as \"total\".");
        }

        var parts = text.Split('.');
        if (Array.Exists(parts, p => p.Length == 0))
        {
            throw new ArgumentException(
                $"{what} has field path \"{text}\" with an empty segment; expected names joined by single dots.");
        }

        var root = parts.Length > 1 ? RootOf(parts[0]) : null;
        return root is null
            ? new FieldPath(text, PathRoot.Form, parts)
            : new FieldPath(text, root.Value, parts[1..]);
    }

    public JsonObject? RootObject(ConditionContext context) => _root switch
    {
        PathRoot.Form => context.Form,
        PathRoot.Vars => context.Vars,
        PathRoot.Params => context.Params,
        PathRoot.Initiator => context.Initiator,
        PathRoot.Row => context.Row,
        PathRoot.User => context.User,
        PathRoot.Nodes => context.Nodes,
        _ => null,
    };

    /// <summary>Resolves to one value without fanning out over sub-table rows; false when missing.</summary>
    public bool TryResolve(ConditionContext context, out JsonNode? value)
    {
        JsonNode? current = RootObject(context);
        value = null;
        foreach (var segment in Segments)
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(segment, out current))
            {
                return false;
            }
        }

        value = current;
        return true;
    }

    private static PathRoot? RootOf(string first) => first switch
    {
        "form" => PathRoot.Form,
        "vars" => PathRoot.Vars,
        "params" => PathRoot.Params,
        "initiator" => PathRoot.Initiator,
        "row" => PathRoot.Row,
        "user" => PathRoot.User,
        "nodes" => PathRoot.Nodes,
        _ => null,
    };

    private enum PathRoot
    {
        Form,
        Vars,
        Params,
        Initiator,
        Row,
        User,
        Nodes,
    }
}
