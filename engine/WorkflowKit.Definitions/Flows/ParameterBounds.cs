using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowKit.Definitions.Flows;

/// <summary>
/// A bound that a number or money parameter's value breaks: <see cref="Bound"/> is <c>min</c>, <c>max</c> or
/// <c>atLeast</c>, <see cref="Limit"/> the bound's value, and <see cref="Other"/> the id of the parameter that
/// <c>atLeast</c> names.
/// </summary>
public sealed record ParameterBoundViolation(string Bound, decimal Value, decimal Limit, string? Other);

/// <summary>Checks a number or money parameter's value against its <c>min</c>, <c>max</c> and <c>atLeast</c>.</summary>
public static class ParameterBounds
{
    public const string Min = "min";
    public const string Max = "max";
    public const string AtLeast = "atLeast";

    /// <summary>
    /// Returns the first bound that the value of <paramref name="parameter"/> breaks, or null. A parameter that is
    /// not a number or money parameter, a value that is no number, and an <c>atLeast</c> that names no number
    /// parameter with a number value break nothing here, because the validator reports those on their own.
    /// </summary>
    public static ParameterBoundViolation? Check(ParameterDefinition parameter, IEnumerable<ParameterDefinition> parameters)
    {
        if (!IsNumeric(parameter.Type) || NumberOf(parameter.Value) is not { } value)
        {
            return null;
        }

        if (parameter.Min is { } min && value < min)
        {
            return new ParameterBoundViolation(Min, value, min, null);
        }

        if (parameter.Max is { } max && value > max)
        {
            return new ParameterBoundViolation(Max, value, max, null);
        }

        var other = parameter.AtLeast is { Length: > 0 } id
            ? parameters.FirstOrDefault(candidate => candidate.Id == id && IsNumeric(candidate.Type))
            : null;
        return other is not null && NumberOf(other.Value) is { } floor && value < floor
            ? new ParameterBoundViolation(AtLeast, value, floor, other.Id)
            : null;
    }

    public static bool IsNumeric(string type) => type is ParameterTypes.Number or ParameterTypes.Money;

    /// <summary>Reads a JSON number whatever .NET type backs the node; returns null for anything else.</summary>
    public static decimal? NumberOf(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
