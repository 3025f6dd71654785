using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Checks a flow's parameters: ids are unique (WK1339) and each value fits its type (WK1340). Rule-builder paths
/// that name an undeclared parameter are reported by <see cref="Unknown"/> (WK1341).
/// </summary>
internal static class ParameterChecker
{
    /// <summary>Returns the ids of the declared parameters.</summary>
    public static HashSet<string> Check(CheckContext context, FlowDefinition flow)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (flow.Parameters?.Count ?? 0); i++)
        {
            var parameter = flow.Parameters![i];
            if (!ids.Add(parameter.Id))
            {
                context.Error(
                    DiagnosticCodes.DuplicateParameter, JsonPointers.Of("parameters", i, "id"),
                    $"Parameter \"{parameter.Id}\" is declared twice, so params.{parameter.Id} would be ambiguous. " +
                    "Rename or remove one of them.",
                    ("parameter", parameter.Id));
            }

            // An unknown type is the schema's error (WK1023); checking the value against it would only repeat it.
            if (ParameterTypes.All.Contains(parameter.Type) && !ParameterTypes.Accepts(parameter.Type, parameter.Value))
            {
                var value = parameter.Value?.ToJsonString() ?? "missing";
                context.Error(
                    DiagnosticCodes.ParameterValueType, JsonPointers.Of("parameters", i, "value"),
                    $"Parameter \"{parameter.Id}\" is of type {parameter.Type}, but its value is {value}. " +
                    $"Set the value to {Expected(parameter.Type)}, or change the type.",
                    ("parameter", parameter.Id), ("type", parameter.Type), ("value", value));
            }
        }

        return ids;
    }

    /// <summary>Reports a rule-builder path such as "params.limit" that names no declared parameter.</summary>
    public static void Unknown(CheckContext context, string path, string pointer, FieldScope scope)
    {
        var id = path.Split('.')[1];
        var declared = scope.Parameters is { Count: > 0 } parameters
            ? string.Join(", ", parameters.Order(StringComparer.Ordinal))
            : "none";
        context.Error(
            DiagnosticCodes.UnknownParameter, pointer,
            $"Field path \"{path}\" reads parameter \"{id}\", which the flow does not declare (declared: {declared}). " +
            "Add the parameter under \"parameters\" or correct the name.",
            ("parameter", id), ("field", path));
    }

    private static string Expected(string type) => type switch
    {
        ParameterTypes.Text => "a string in quotes",
        ParameterTypes.Boolean => "true or false",
        _ => "a number such as 80",
    };
}
