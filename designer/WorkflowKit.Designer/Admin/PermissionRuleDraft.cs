using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Permissions;

namespace WorkflowKit.Designer.Admin;

/// <summary>
/// A data permission rule as the rules page edits it: a role, its actions, the row scopes
/// ticked (any ticked scope admits a record) and the hidden fields. Conditions the page cannot
/// show as scopes, such as JavaScript or AND groups from a template, are kept unchanged in
/// <see cref="CustomRows"/> until the administrator replaces them.
/// </summary>
public sealed class PermissionRuleDraft
{
    public string Role { get; set; } = string.Empty;

    public HashSet<string> Actions { get; } = new(StringComparer.Ordinal) { PermissionActions.Read };

    public bool OwnRegion { get; set; }

    /// <summary>The form field compared with the user's "region" attribute.</summary>
    public string RegionField { get; set; } = "region";

    public bool OwnDepartment { get; set; }

    /// <summary>The form field compared with the user's department id.</summary>
    public string DepartmentField { get; set; } = "department";

    public bool Own { get; set; }

    public bool Participant { get; set; }

    /// <summary>Scopes "field = value", each admitting the records whose field has that value.</summary>
    public List<FieldValueScope> FieldValues { get; } = [];

    /// <summary>A condition kept from the stored rule because it has no scope form; null when none.</summary>
    public Condition? CustomRows { get; set; }

    public HashSet<string> HiddenFields { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the rule admits every record, because no scope is ticked.</summary>
    public bool AdmitsAll => !OwnRegion && !OwnDepartment && !Own && !Participant && FieldValues.Count == 0
        && CustomRows is null;

    public static PermissionRuleDraft FromRule(PermissionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var draft = new PermissionRuleDraft { Role = rule.Role, Own = rule.Own, Participant = rule.Participant };
        draft.Actions.Clear();
        draft.Actions.UnionWith(rule.Actions);
        draft.HiddenFields.UnionWith(rule.HiddenFields ?? []);
        if (rule.Rows is { } rows && !draft.TryReadScopes(rows))
        {
            draft.CustomRows = rows;
        }

        return draft;
    }

    /// <summary>Builds the stored rule; <paramref name="fieldTypes"/> gives number and boolean fields typed values.</summary>
    public PermissionRule ToRule(string formKey, IReadOnlyDictionary<string, string> fieldTypes)
    {
        ArgumentNullException.ThrowIfNull(fieldTypes);
        var groups = new List<RuleGroup>();
        if (OwnRegion)
        {
            groups.Add(Group(new Rule { Field = RegionField, Operator = RuleOperators.Equal, ValueFrom = "user.region" }));
        }

        if (OwnDepartment)
        {
            groups.Add(Group(new Rule
            {
                Field = DepartmentField, Operator = RuleOperators.Equal, ValueFrom = "user.department",
            }));
        }

        foreach (var scope in FieldValues.Where(scope => scope.Field.Length > 0))
        {
            groups.Add(Group(new Rule
            {
                Field = scope.Field, Operator = RuleOperators.Equal,
                Value = TypedValue(scope.Value, fieldTypes.GetValueOrDefault(scope.Field)),
            }));
        }

        var rows = CustomRows ?? (groups.Count == 0 ? null : new Condition { Any = groups });
        if (CustomRows?.Any is { } custom && groups.Count > 0)
        {
            rows = new Condition { Any = [.. custom, .. groups] };
        }

        return new PermissionRule
        {
            Role = Role,
            Form = formKey,
            Actions = [.. PermissionActions.All.Where(Actions.Contains)],
            Rows = rows,
            Own = Own,
            Participant = Participant,
            HiddenFields = HiddenFields.Count == 0 ? null : [.. HiddenFields.Order(StringComparer.Ordinal)],
        };
    }

    private bool TryReadScopes(Condition rows)
    {
        if (rows.JavaScript is not null || rows.Any is null)
        {
            return false;
        }

        var readable = rows.Any.All(group => group.All.Count == 1 && group.All[0].Operator == RuleOperators.Equal
            && group.All[0].ValueField is null
            && (group.All[0].ValueFrom is "user.region" or "user.department"
                || (group.All[0].ValueFrom is null && group.All[0].Value is JsonValue)));
        if (!readable)
        {
            return false;
        }

        foreach (var rule in rows.Any.Select(group => group.All[0]))
        {
            switch (rule.ValueFrom)
            {
                case "user.region":
                    OwnRegion = true;
                    RegionField = rule.Field;
                    break;
                case "user.department":
                    OwnDepartment = true;
                    DepartmentField = rule.Field;
                    break;
                default:
                    FieldValues.Add(new FieldValueScope { Field = rule.Field, Value = ValueText(rule.Value) });
                    break;
            }
        }

        return true;
    }

    private static RuleGroup Group(Rule rule) => new() { All = [rule] };

    private static string ValueText(JsonNode? value) => value switch
    {
        JsonValue scalar when scalar.TryGetValue<string>(out var text) => text,
        null => string.Empty,
        _ => value.ToJsonString(),
    };

    private static JsonNode TypedValue(string text, string? fieldType)
    {
        if (fieldType is FieldTypes.Number or FieldTypes.Money
            && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        if (fieldType == FieldTypes.Boolean && bool.TryParse(text, out var flag))
        {
            return JsonValue.Create(flag);
        }

        return JsonValue.Create(text);
    }
}
