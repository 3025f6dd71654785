using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace WorkflowKit.Designer.Api;

/// <summary>
/// Names the kind of value that a request body type expects at a JSON path, for replies to a JSON value of the wrong
/// type. System.Text.Json names the body's record type in those errors, not the type of the member at the path.
/// </summary>
internal static partial class JsonBodyTypes
{
    /// <summary>
    /// Finds the .NET type that <paramref name="bodyType"/> expects at <paramref name="path"/>, such as
    /// <c>$.lines[0].quantity</c>, with the property names and case rules of <paramref name="options"/>. Returns null
    /// when the path leaves the typed members, for example below a <see cref="System.Text.Json.Nodes.JsonObject"/>.
    /// </summary>
    public static Type? Find(Type bodyType, string path, JsonSerializerOptions options)
    {
        var type = bodyType;
        var comparison = options.PropertyNameCaseInsensitive
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        foreach (Match segment in PathSegment().Matches(path))
        {
            var info = options.GetTypeInfo(type);
            if (segment.Groups["index"].Success)
            {
                if (info.Kind != JsonTypeInfoKind.Enumerable)
                {
                    return null;
                }

                type = info.ElementType!;
                continue;
            }

            var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object:
                    var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison));
                    if (property is null)
                    {
                        return null;
                    }

                    type = property.PropertyType;
                    break;
                case JsonTypeInfoKind.Dictionary:
                    type = info.ElementType!;
                    break;
                default:
                    return null;
            }
        }

        return type;
    }

    /// <summary>
    /// Returns the kind of value that System.Text.Json read where it expected another, such as "a number", from the
    /// message of the reader's <see cref="InvalidOperationException"/>; null when the message names no token.
    /// </summary>
    public static string? DescribeFound(Exception? readerError)
    {
        var match = readerError is null ? Match.Empty : TokenType().Match(readerError.Message);
        return match.Groups["token"].Value switch
        {
            "Number" => "a number",
            "String" => "text",
            "True" or "False" => "true or false",
            "StartObject" => "a JSON object",
            "StartArray" => "a list",
            "Null" => "null",
            _ => null,
        };
    }

    // System.Text.Json writes paths as $.name, $['name with dots'] and $[0].
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathSegment();

    // "Cannot get the value of a token type 'Number' as a string."
    [GeneratedRegex("token type '(?<token>\\w+)'")]
    private static partial Regex TokenType();
}
