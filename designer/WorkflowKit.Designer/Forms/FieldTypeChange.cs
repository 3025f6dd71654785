using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Designer.Forms;

/// <summary>Changes the type of a field in the form designer and lists the settings the change removes.</summary>
public static class FieldTypeChange
{
    /// <summary>
    /// Returns the JSON names of the properties that <paramref name="field"/> sets and that do not apply to
    /// <paramref name="type"/>, in the order the definition writes them.
    /// </summary>
    public static IReadOnlyList<string> DroppedProperties(FieldDefinition field, string type)
    {
        ArgumentNullException.ThrowIfNull(field);
        var json = JsonNode.Parse(DefinitionJson.Serialize(field))!.AsObject();
        return [.. json.Select(property => property.Key)
            .Where(name => FieldApplicability.TypesFor(name) is { } types && !types.Contains(type))];
    }

    /// <summary>
    /// Sets the type of <paramref name="field"/> in place and clears the properties that do not apply to it. A select
    /// field without options gets one, as a new select field does, so the form stays valid.
    /// </summary>
    public static void Apply(FieldDefinition field, string type)
    {
        ArgumentNullException.ThrowIfNull(field);
        foreach (var name in DroppedProperties(field, type))
        {
            var property = typeof(FieldDefinition).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Single(candidate => JsonNamingPolicy.CamelCase.ConvertName(candidate.Name) == name);
            property.SetValue(field, property.PropertyType.IsValueType
                && Nullable.GetUnderlyingType(property.PropertyType) is null
                    ? Activator.CreateInstance(property.PropertyType)
                    : null);
        }

        field.Type = type;
        if (type is FieldTypes.SingleSelect or FieldTypes.MultiSelect && field.Options is not { Count: > 0 })
        {
            field.Options = [new FieldOption { Value = "a", Label = new LocalizedText("A") }];
        }

        if (type is FieldTypes.SubTable)
        {
            field.Unique = false;
            field.Fields ??= [];
        }
    }
}
