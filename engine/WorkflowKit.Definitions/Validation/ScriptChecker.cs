using System.Globalization;
using System.Text.RegularExpressions;
using Acornima;
using WorkflowKit.Definitions.Diagnostics;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Parses JavaScript with Acornima (the parser Jint runs on) without running it, and checks that
/// <c>form.FIELD</c> references name fields of the form.
/// </summary>
internal static partial class ScriptChecker
{
    private static readonly ParserOptions Options = new()
    {
        AllowReturnOutsideFunction = true,
        EcmaVersion = EcmaVersion.Latest,
    };

    public static void Check(CheckContext context, string? script, string pointer, FieldScope scope)
    {
        if (script is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(script))
        {
            context.Error(
                DiagnosticCodes.JavaScriptSyntax, pointer,
                "The JavaScript is empty. Write an expression such as \"form.amount > 0\" or remove the property.");
            return;
        }

        try
        {
            new Parser(Options).ParseScript(script);
        }
        catch (ParseErrorException exception)
        {
            context.Error(
                DiagnosticCodes.JavaScriptSyntax, pointer,
                $"JavaScript {Excerpt(script)} does not parse: {exception.Description} (line {exception.LineNumber}, " +
                $"column {exception.Column + 1} of the script). Fix the script.",
                ("problem", exception.Description),
                ("line", exception.LineNumber.ToString(CultureInfo.InvariantCulture)),
                ("column", (exception.Column + 1).ToString(CultureInfo.InvariantCulture)));
            return;
        }

        foreach (Match match in FormReference().Matches(script))
        {
            var field = match.Groups[1].Value;
            if (!scope.Resolves(field))
            {
                context.Error(
                    DiagnosticCodes.UnknownField, pointer,
                    $"JavaScript {Excerpt(script)} reads \"form.{field}\", but the form has no field \"{field}\". " +
                    $"Use one of: {scope.Describe()}.",
                    ("field", field));
            }
        }
    }

    internal static string Excerpt(string script)
    {
        var singleLine = script.ReplaceLineEndings(" ");
        return "\"" + (singleLine.Length <= 50 ? singleLine : singleLine[..50] + "…") + "\"";
    }

    [GeneratedRegex(@"(?<![\w.$])form\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex FormReference();
}
