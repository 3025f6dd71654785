using System.Text.RegularExpressions;
using WorkflowKit.Definitions.Diagnostics;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Checks the formula syntax as far as the definition format needs: balanced parentheses and
/// quotes, and every name that is not a function call naming a field (or a sub-table column as
/// "lines.amount"). The expressions library evaluates formulas; this only rejects the
/// mistakes that can be seen without evaluating.
/// </summary>
internal static partial class FormulaChecker
{
    private static readonly HashSet<string> Constants = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "null", "and", "or", "not",
    };

    public static void Check(CheckContext context, string? formula, string pointer, FieldScope scope)
    {
        if (formula is null)
        {
            return;
        }

        var depth = 0;
        var withoutStrings = Strings().Replace(formula, "\"\"");
        if (withoutStrings.Contains('"', StringComparison.Ordinal)
            || withoutStrings.Contains('\'', StringComparison.Ordinal))
        {
            Syntax(context, formula, pointer, "a quote is not closed");
            return;
        }

        foreach (var character in withoutStrings)
        {
            depth += character switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0)
            {
                Syntax(context, formula, pointer, "a ')' has no matching '('");
                return;
            }
        }

        if (depth != 0)
        {
            Syntax(context, formula, pointer, depth == 1 ? "one '(' is not closed" : $"{depth} '(' are not closed");
            return;
        }

        if (string.IsNullOrWhiteSpace(formula))
        {
            Syntax(context, formula, pointer, "it is empty");
            return;
        }

        foreach (Match match in Name().Matches(withoutStrings))
        {
            var name = match.Groups[1].Value;
            var isCall = match.Groups[2].Success;
            if (isCall || Constants.Contains(name) || scope.Resolves(name))
            {
                continue;
            }

            context.Error(
                DiagnosticCodes.UnknownField, pointer,
                $"Formula \"{formula}\" names \"{name}\", which is not a field of the form. Use one of: " +
                $"{scope.Describe()}.",
                ("field", name));
        }
    }

    private static void Syntax(CheckContext context, string formula, string pointer, string problem) =>
        context.Error(
            DiagnosticCodes.FormulaSyntax, pointer,
            $"Formula \"{formula}\" does not parse: {problem}. Fix the formula.");

    [GeneratedRegex("\"[^\"]*\"|'[^']*'")]
    private static partial Regex Strings();

    [GeneratedRegex(@"(?<![\w.])([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)(\s*\()?")]
    private static partial Regex Name();
}
