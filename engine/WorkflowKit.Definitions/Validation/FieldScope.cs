using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// The names a field path may refer to: the form's fields (with sub-table columns as
/// "lines.amount"), the current sub-table row ("row.quantity"), flow variables ("vars.approved"),
/// flow parameters ("params.utilisationLimit"), and attributes of the initiator and the current user, which are not checked.
/// </summary>
internal sealed class FieldScope
{
    private static readonly string[] FreePrefixes = ["initiator", "user", "nodes", "instance"];

    /// <summary>Properties every record has besides its fields.</summary>
    private static readonly string[] RecordProperties = ["id", "createdAt", "createdBy", "updatedAt", "updatedBy"];

    private FieldScope(
        FormDefinition? form, IReadOnlyDictionary<string, FieldDefinition>? fields,
        IReadOnlyDictionary<string, FieldDefinition>? row, IReadOnlySet<string>? variables,
        IReadOnlySet<string>? parameters)
    {
        Form = form;
        Fields = fields;
        Row = row;
        Variables = variables;
        Parameters = parameters;
    }

    /// <summary>The form, or null when it is not among the validated documents (paths are then not checked).</summary>
    public FormDefinition? Form { get; }

    public IReadOnlyDictionary<string, FieldDefinition>? Fields { get; }

    public IReadOnlyDictionary<string, FieldDefinition>? Row { get; }

    public IReadOnlySet<string>? Variables { get; }

    /// <summary>Ids of the flow's parameters; null outside a flow, where "params." paths are not checked.</summary>
    public IReadOnlySet<string>? Parameters { get; }

    public static FieldScope For(
        FormDefinition? form, IReadOnlySet<string>? variables = null, IReadOnlySet<string>? parameters = null) =>
        new(form, form is null ? null : Index(form.Fields), null, variables, parameters);

    public FieldScope WithRow(IEnumerable<FieldDefinition> columns) =>
        new(Form, Fields, Index(columns), Variables, Parameters);

    public static IReadOnlyDictionary<string, FieldDefinition> Index(IEnumerable<FieldDefinition>? fields)
    {
        var index = new Dictionary<string, FieldDefinition>(StringComparer.Ordinal);
        foreach (var field in fields ?? [])
        {
            index.TryAdd(field.Id, field);
        }

        return index;
    }

    /// <summary>Finds the field a path names; null when the path names no field or is not checkable.</summary>
    public FieldDefinition? Find(string path)
    {
        var segments = path.Split('.');
        if (segments[0] == "row" && Row is not null && segments.Length > 1)
        {
            return Row.GetValueOrDefault(segments[1]);
        }

        if (segments[0] == "form" && segments.Length > 1)
        {
            segments = segments[1..];
        }

        if (Row is not null && Row.TryGetValue(segments[0], out var column))
        {
            return column;
        }

        if (Fields is null || !Fields.TryGetValue(segments[0], out var field))
        {
            return null;
        }

        if (segments.Length > 1 && field.Type == FieldTypes.SubTable)
        {
            return Index(field.Fields).GetValueOrDefault(segments[1]);
        }

        return field;
    }

    /// <summary>Whether a path resolves, or cannot be checked (unknown form, user and initiator attributes).</summary>
    public bool Resolves(string path)
    {
        var segments = path.Split('.');
        if (FreePrefixes.Contains(segments[0]))
        {
            return true;
        }

        if (RecordProperties.Contains(segments[0]) ||
            (segments is ["form", var property, ..] && RecordProperties.Contains(property)))
        {
            return true;
        }

        if (segments[0] == "vars")
        {
            return Variables is null || (segments.Length > 1 && Variables.Contains(segments[1]));
        }

        if (segments[0] == "params" && segments.Length > 1)
        {
            return Parameters is null || Parameters.Contains(segments[1]);
        }

        if (segments[0] == "row" && Row is null)
        {
            return false;
        }

        if (Fields is null && segments[0] != "row")
        {
            return true;
        }

        return Find(path) is not null;
    }

    /// <summary>Lists the names a path may start with, for messages.</summary>
    public string Describe()
    {
        var names = (Row ?? Fields)?.Keys.Take(12).ToList() ?? [];
        return names.Count == 0 ? "no fields" : string.Join(", ", names);
    }
}
