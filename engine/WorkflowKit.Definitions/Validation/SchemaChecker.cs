using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Evaluates a document against the schema of its kind and turns the failures into diagnostics:
/// one per JSON pointer, the most useful failure first (missing property, unknown property,
/// wrong type, value not allowed, other constraint), with the bad value quoted.
/// </summary>
internal static partial class SchemaChecker
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical };

    private const string TextSchemaFragment = "/$defs/localizedText";

    private const string TextStringBranchFragment = TextSchemaFragment + "/anyOf/0";

    private static readonly string[] KeywordOrder =
        ["required", "additionalProperties", "type", "enum", "const", "anyOf"];

    public static IEnumerable<Diagnostic> Check(JsonSource source, string kind)
    {
        var root = source.Document!.RootElement;
        var results = DefinitionSchemas.For(kind).Evaluate(root, Options);
        if (results.IsValid)
        {
            yield break;
        }

        var failures = new List<Failure>();
        Collect(results, failures);

        // A bad text fails both branches of its anyOf: the string branch at the text, and the object branch at the
        // text or at each bad key. So it gets one diagnostic of its own in place of a type and a pattern error.
        var texts = failures
            .Where(failure => IsTextSchema(failure.SchemaLocation, exact: true))
            .Select(failure => failure.Pointer)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var pointer in texts)
        {
            yield return TextDiagnostic(source, root, pointer);
        }

        failures.RemoveAll(failure => IsTextSchema(failure.SchemaLocation, exact: false)
            && (texts.Contains(failure.Pointer) || texts.Contains(Parent(failure.Pointer))));

        foreach (var group in failures.GroupBy(failure => failure.Pointer))
        {
            var failure = group.OrderBy(item => Rank(item.Keyword)).First();
            yield return ToDiagnostic(source, root, failure);
        }
    }

    /// <summary>
    /// Walks failed nodes only: a branch of a passing anyOf, or an "if" that did not match, is
    /// not a problem of the document even though it records errors of its own.
    /// </summary>
    private static void Collect(EvaluationResults node, List<Failure> failures)
    {
        if (node.IsValid || node.EvaluationPath.ToString().EndsWith("/if", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            failures.Add(new Failure(node.InstanceLocation.ToString(), keyword, message, node.SchemaLocation));
        }

        foreach (var child in node.Details ?? [])
        {
            Collect(child, failures);
        }
    }

    private static int Rank(string keyword)
    {
        var index = Array.IndexOf(KeywordOrder, keyword.Length == 0 ? "additionalProperties" : keyword);
        return index < 0 ? KeywordOrder.Length : index;
    }

    private static Diagnostic ToDiagnostic(JsonSource source, JsonElement root, Failure failure)
    {
        var pointer = failure.Pointer;
        var found = JsonElementPointer.TryResolve(root, pointer, out var value);
        var quoted = found ? JsonElementPointer.Quote(value) : "nothing";
        var name = pointer.Length == 0 ? "the document" : pointer;
        var schemaNode = DefinitionSchemas.Resolve(failure.SchemaLocation);

        switch (failure.Keyword)
        {
            case "required":
                var missing = MissingNames().Match(failure.Message).Groups[1].Value.Replace("\"", string.Empty,
                    StringComparison.Ordinal);
                return source.At(
                    DiagnosticCodes.MissingProperty, DiagnosticSeverity.Error, pointer,
                    $"Required property {Quote(missing)} is missing in {name}. Add it.") with
                {
                    Arguments = new Dictionary<string, string>(StringComparer.Ordinal) { ["property"] = missing },
                };
            case "" or "additionalProperties" or "unevaluatedProperties" or "false":
                var property = Unescape(pointer[(pointer.LastIndexOf('/') + 1)..]);
                return source.At(
                    DiagnosticCodes.UnknownProperty, DiagnosticSeverity.Error, pointer,
                    $"Property \"{property}\" is not part of the format here; remove it or fix its spelling " +
                    "(names are case-sensitive).");
            case "type":
                var expected = schemaNode is { } typed && typed.TryGetProperty("type", out var types)
                    ? JsonElementPointer.Quote(types)
                    : "another type";
                return source.At(
                    DiagnosticCodes.WrongType, DiagnosticSeverity.Error, pointer,
                    $"Expected a value of type {expected} at {name}, got {quoted}. Change the value's type.");
            case "enum" or "const":
                return source.At(
                    EnumCode(pointer), DiagnosticSeverity.Error, pointer,
                    $"Value {quoted} is not allowed at {name}; expected {Allowed(schemaNode, failure.Keyword)}.");
            case "anyOf":
                var description = schemaNode is { } described && described.TryGetProperty("description", out var text)
                    ? text.GetString()
                    : "a value matching the schema";
                return source.At(
                    DiagnosticCodes.WrongType, DiagnosticSeverity.Error, pointer,
                    $"Value {quoted} at {name} has the wrong shape; expected {description}");
            default:
                return source.At(
                    DiagnosticCodes.ConstraintViolated, DiagnosticSeverity.Error, pointer,
                    $"Value {quoted} at {name} breaks the rule '{failure.Keyword}' " +
                    $"({Constraint(schemaNode, failure.Keyword)}): {failure.Message}. Change the value.");
        }
    }

    /// <summary>
    /// Whether a failure comes from the localizedText schema: with <paramref name="exact"/>, only from its
    /// plain-string branch, which fails at the text itself.
    /// </summary>
    private static bool IsTextSchema(Uri schemaLocation, bool exact)
    {
        var fragment = Uri.UnescapeDataString(schemaLocation.Fragment);
        return exact
            ? fragment.EndsWith(TextStringBranchFragment, StringComparison.Ordinal)
            : fragment.Contains(TextSchemaFragment, StringComparison.Ordinal);
    }

    private static string Parent(string pointer) => pointer[..Math.Max(0, pointer.LastIndexOf('/'))];

    /// <summary>Explains what is wrong with a text that is neither a plain string nor a map of culture names.</summary>
    private static Diagnostic TextDiagnostic(JsonSource source, JsonElement root, string pointer)
    {
        const string Shape = "Write the text as a plain string, or as an object of culture names such as " +
                             "{\"zh-CN\": \"…\", \"en\": \"…\"}";
        var name = pointer.Length == 0 ? "the document" : pointer;
        JsonElementPointer.TryResolve(root, pointer, out var value);
        string message;
        if (value.ValueKind != JsonValueKind.Object)
        {
            message = $"The text at {name} is {JsonElementPointer.Quote(value)}. {Shape}.";
        }
        else if (!value.EnumerateObject().Any())
        {
            message = $"The text at {name} is an empty object. {Shape}.";
        }
        else if (value.EnumerateObject().Where(entry => !CultureName().IsMatch(entry.Name)).Select(entry => entry.Name)
                     .ToList() is { Count: > 0 } badKeys)
        {
            var keys = string.Join(", ", badKeys.Select(key => "\"" + key + "\""));
            var fix = badKeys.Contains(string.Empty)
                ? "move the text under \"\" to its culture name or remove it"
                : "rename the key to a culture name";
            message = $"The text at {name} has the key {keys}, which is not a culture name such as \"zh-CN\" or " +
                      $"\"en\". {Shape}, and {fix}.";
        }
        else
        {
            var culture = value.EnumerateObject().First(entry => entry.Value.ValueKind != JsonValueKind.String).Name;
            message = $"The text at {name} has a value for \"{culture}\" that is not a string. {Shape}.";
        }

        return source.At(DiagnosticCodes.WrongType, DiagnosticSeverity.Error, pointer, message);
    }

    private static string EnumCode(string pointer)
    {
        if (NodeTypePointer().IsMatch(pointer))
        {
            return DiagnosticCodes.UnknownNodeType;
        }

        return FieldTypePointer().IsMatch(pointer) ? DiagnosticCodes.UnknownFieldType : DiagnosticCodes.ValueNotAllowed;
    }

    private static string Allowed(JsonElement? schemaNode, string keyword)
    {
        if (schemaNode is not { } node || !node.TryGetProperty(keyword, out var allowed))
        {
            return "a value the schema allows";
        }

        return allowed.ValueKind == JsonValueKind.Array
            ? "one of " + string.Join(", ", allowed.EnumerateArray().Select(item => item.GetRawText()))
            : allowed.GetRawText();
    }

    private static string Constraint(JsonElement? schemaNode, string keyword) =>
        schemaNode is { } node && node.TryGetProperty(keyword, out var limit)
            ? $"{keyword} {JsonElementPointer.Quote(limit, 80)}"
            : keyword;

    private static string Quote(string names) => "\"" + names.Replace(",", "\", \"", StringComparison.Ordinal) + "\"";

    private static string Unescape(string segment) =>
        segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>A culture name as the localizedText schema allows it for an object's keys.</summary>
    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex CultureName();

    [GeneratedRegex(@"\[(.*)\]")]
    private static partial Regex MissingNames();

    [GeneratedRegex(@"^/nodes/\d+/type$")]
    private static partial Regex NodeTypePointer();

    [GeneratedRegex(@"^/fields/\d+(/fields/\d+)*/type$")]
    private static partial Regex FieldTypePointer();

    private sealed record Failure(string Pointer, string Keyword, string Message, Uri SchemaLocation);
}
