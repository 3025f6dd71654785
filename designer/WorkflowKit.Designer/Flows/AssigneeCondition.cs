using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WorkflowKit.Designer.Flows;

/// <summary>
/// One condition of an assignee rule's <c>where</c>: the user attribute and where its expected value comes from. The
/// engine evaluates the rule's expression and keeps the role or department members whose attribute equals the result
/// as text. The attribute names <c>id</c> and <c>department</c> are the user's id and department.
/// </summary>
/// <param name="Attribute">User attribute name, such as <c>region</c>.</param>
/// <param name="Source">How <paramref name="Value"/> reads.</param>
/// <param name="Value">The form field id, the constant text, or the expression, by <paramref name="Source"/>.</param>
public sealed partial record AssigneeCondition(string Attribute, AssigneeConditionSource Source, string Value)
{
    private static readonly JsonSerializerOptions LiteralOptions = new()
    {
        // Keeps Chinese text readable in the flow JSON. Quotes, backslashes and control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Reads a condition from the flow definition. <c>form.FIELD</c> is a form field. A double-quoted JSON string, or a
    /// single-quoted string without quotes or backslashes inside, is a constant. Anything else is an expression.
    /// </summary>
    public static AssigneeCondition Parse(string attribute, string? expression)
    {
        var text = (expression ?? string.Empty).Trim();
        if (FormFieldPattern().Match(text) is { Success: true } field)
        {
            return new AssigneeCondition(attribute, AssigneeConditionSource.FormField, field.Groups["id"].Value);
        }

        if (ConstantOf(text) is { } constant)
        {
            return new AssigneeCondition(attribute, AssigneeConditionSource.Constant, constant);
        }

        return new AssigneeCondition(attribute, AssigneeConditionSource.Expression, expression ?? string.Empty);
    }

    /// <summary>Writes the condition's value as the JavaScript expression that the flow definition stores.</summary>
    public string ToExpression() => Source switch
    {
        AssigneeConditionSource.FormField => "form." + Value,
        AssigneeConditionSource.Constant => JsonSerializer.Serialize(Value, LiteralOptions),
        _ => Value,
    };

    private static string? ConstantOf(string text)
    {
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
        {
            var inner = text[1..^1];
            return inner.Contains('\'', StringComparison.Ordinal) || inner.Contains('\\', StringComparison.Ordinal)
                ? null
                : inner;
        }

        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(text);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^form\.(?<id>[A-Za-z_$][A-Za-z0-9_$]*)$")]
    private static partial Regex FormFieldPattern();
}
