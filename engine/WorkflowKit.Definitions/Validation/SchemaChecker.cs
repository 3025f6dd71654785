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

    [GeneratedRegex(@"\[(.*)\]")]
    private static partial Regex MissingNames();

    [GeneratedRegex(@"^/nodes/\d+/type$")]
    private static partial Regex NodeTypePointer();

    [GeneratedRegex(@"^/fields/\d+(/fields/\d+)*/type$")]
    private static partial Regex FieldTypePointer();

    private sealed record Failure(string Pointer, string Keyword, string Message, Uri SchemaLocation);
}
