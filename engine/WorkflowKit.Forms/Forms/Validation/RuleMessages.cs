using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowKit.Expressions;

namespace WorkflowKit.Forms.Validation;

/// <summary>
/// Fills the placeholders of a rule's message: <c>{{name}}</c> is a column of the row (in a row rule) or a field of
/// the form, and <c>{{row.name}}</c> and <c>{{form.name}}</c> name one of them explicitly. Numbers are written without
/// exponent, with the message culture's digit grouping, text as it is, and a missing or empty value as empty text.
/// </summary>
internal static partial class RuleMessages
{
    [GeneratedRegex(@"\{\{\s*(?:(row|form)\.)?([A-Za-z_][A-Za-z0-9_]*)\s*\}\}", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Placeholder();

    public static string Fill(string message, ConditionContext context, CultureInfo culture)
    {
        if (!message.Contains("{{", StringComparison.Ordinal))
        {
            return message;
        }

        return Placeholder().Replace(message, match =>
        {
            var scope = match.Groups[1].Value;
            var name = match.Groups[2].Value;
            var value = scope switch
            {
                "row" => context.Row?[name],
                "form" => context.Form?[name],
                _ => context.Row?[name] ?? context.Form?[name],
            };
            return Format(value, culture);
        });
    }

    private static string Format(JsonNode? value, CultureInfo culture) => value switch
    {
        null => string.Empty,
        JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
        JsonValue number when number.GetValueKind() == JsonValueKind.Number && number.TryGetValue<decimal>(out var exact)
            => exact.ToString("#,0.##########", culture),
        JsonValue number when number.GetValueKind() == JsonValueKind.Number
            => number.GetValue<double>().ToString("#,0.##########", culture),
        _ => value.ToJsonString(),
    };
}
