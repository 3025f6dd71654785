using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowKit.Definitions.Flows;

/// <summary>The types a flow parameter may have, and which JSON values each accepts.</summary>
public static class ParameterTypes
{
    public const string Number = "number";

    public const string Money = "money";

    public const string Text = "text";

    public const string Boolean = "boolean";

    public static readonly IReadOnlyList<string> All = [Number, Money, Text, Boolean];

    /// <summary>
    /// Returns true when <paramref name="value"/> fits <paramref name="type"/>: a JSON number for number and money,
    /// a string for text, true or false for boolean. A missing or null value fits no type.
    /// </summary>
    public static bool Accepts(string type, JsonNode? value)
    {
        if (value is not JsonValue scalar)
        {
            return false;
        }

        var kind = scalar.GetValueKind();
        return type switch
        {
            Number or Money => kind == JsonValueKind.Number,
            Text => kind == JsonValueKind.String,
            Boolean => kind is JsonValueKind.True or JsonValueKind.False,
            _ => false,
        };
    }

    /// <summary>Returns the parameters as the <c>params</c> object scripts see: id to a copy of the value.</summary>
    public static JsonObject ToScope(IEnumerable<ParameterDefinition>? parameters)
    {
        var scope = new JsonObject();
        foreach (var parameter in parameters ?? [])
        {
            if (!string.IsNullOrEmpty(parameter.Id) && !scope.ContainsKey(parameter.Id))
            {
                scope[parameter.Id] = parameter.Value?.DeepClone();
            }
        }

        return scope;
    }
}
