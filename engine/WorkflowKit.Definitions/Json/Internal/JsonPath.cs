using System.Globalization;

namespace WorkflowKit.Definitions.Json.Internal;

/// <summary>
/// Builds JSON paths in the form that <see cref="System.Text.Json.JsonException.Path"/> uses, such as
/// <c>$.columns[0].field</c>, and <c>$['unit price']</c> for a name that a dot cannot follow.
/// </summary>
internal static class JsonPath
{
    private static readonly char[] NeedsBrackets =
    [
        '.', ' ', '\'', '/', '"', '[', ']', '(', ')', '\t', '\n', '\r', '\f', '\b', '\\', '\u0085', '\u2028',
        '\u2029',
    ];

    public static string Append(string path, string name) =>
        name.Length > 0 && name.IndexOfAny(NeedsBrackets) < 0
            ? $"{path}.{name}"
            : $"{path}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Append(string path, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
}
