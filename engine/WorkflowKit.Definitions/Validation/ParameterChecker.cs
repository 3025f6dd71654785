using System.Globalization;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Checks a flow's parameters: ids are unique (WK1339), each value fits its type (WK1340) and keeps within its
/// declared bounds (WK1350). Rule-builder paths that name an undeclared parameter are reported by
/// <see cref="Unknown"/> (WK1341).
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
            else if (CheckDeclaredBounds(context, flow, i))
            {
                CheckValueInBounds(context, flow, i);
            }
        }

        return ids;
    }

    /// <summary>Reports bounds declared on a parameter that cannot have them; returns whether they are usable.</summary>
    private static bool CheckDeclaredBounds(CheckContext context, FlowDefinition flow, int index)
    {
        var parameter = flow.Parameters![index];
        var at = JsonPointers.Of("parameters", index);
        if (!ParameterBounds.IsNumeric(parameter.Type))
        {
            var declared = parameter.Min is not null ? ParameterBounds.Min
                : parameter.Max is not null ? ParameterBounds.Max
                : parameter.AtLeast is not null ? ParameterBounds.AtLeast
                : null;
            if (declared is not null)
            {
                context.Error(
                    DiagnosticCodes.ParameterOutOfRange, JsonPointers.Append(at, declared),
                    $"Parameter \"{parameter.Id}\" is of type {parameter.Type}, but \"{declared}\" applies only to " +
                    "number and money parameters. Remove it, or change the type.",
                    ("parameter", parameter.Id), ("bound", declared));
            }

            return false;
        }

        if (parameter.Min is { } min && parameter.Max is { } max && min > max)
        {
            context.Error(
                DiagnosticCodes.ParameterOutOfRange, JsonPointers.Append(at, ParameterBounds.Max),
                $"Parameter \"{parameter.Id}\" has min {Number(min)} above max {Number(max)}, so no value fits. " +
                "Correct one of them.",
                ("parameter", parameter.Id), ("bound", ParameterBounds.Max), ("limit", Number(max)));
            return false;
        }

        if (parameter.AtLeast is { } other && !flow.Parameters.Any(candidate =>
                candidate.Id == other && candidate != parameter && ParameterBounds.IsNumeric(candidate.Type)))
        {
            context.Error(
                DiagnosticCodes.ParameterOutOfRange, JsonPointers.Append(at, ParameterBounds.AtLeast),
                $"Parameter \"{parameter.Id}\" must be at least parameter \"{other}\", but the flow has no other " +
                "number or money parameter with that id. Correct \"atLeast\", or remove it.",
                ("parameter", parameter.Id), ("bound", ParameterBounds.AtLeast), ("other", other));
            return false;
        }

        return true;
    }

    private static void CheckValueInBounds(CheckContext context, FlowDefinition flow, int index)
    {
        var parameter = flow.Parameters![index];
        if (ParameterBounds.Check(parameter, flow.Parameters) is not { } broken)
        {
            return;
        }

        var value = Number(broken.Value);
        var limit = Number(broken.Limit);
        var message = broken.Bound switch
        {
            ParameterBounds.Min =>
                $"Parameter \"{parameter.Id}\" is {value}, below its min {limit}. Set a value of at least {limit}.",
            ParameterBounds.Max =>
                $"Parameter \"{parameter.Id}\" is {value}, above its max {limit}. Set a value of at most {limit}.",
            _ =>
                $"Parameter \"{parameter.Id}\" is {value}, below parameter \"{broken.Other}\" ({limit}), which it " +
                $"must be at least. Set it to {limit} or more, or lower \"{broken.Other}\".",
        };
        context.Error(
            DiagnosticCodes.ParameterOutOfRange, JsonPointers.Of("parameters", index, "value"), message,
            ("parameter", parameter.Id), ("bound", broken.Bound), ("value", value), ("limit", limit),
            ("other", broken.Other ?? string.Empty));
    }

    private static string Number(decimal number) => number.ToString(CultureInfo.InvariantCulture);

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
