using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace WorkflowKit.Definitions;

/// <summary>
/// <c>{{form.FIELD}}</c> and <c>{{vars.NAME}}</c> placeholders in notification and CC messages and in HTTP node
/// URLs. A path may go deeper (<c>{{vars.profile.warning}}</c>, <c>{{form.lines.0.product}}</c>). The engine renders
/// them when it sends the message or queues the call. Anything else in double braces stays as written, and the
/// validator reports it.
/// </summary>
public static partial class MessagePlaceholders
{
    /// <summary>The placeholders of <paramref name="text"/> as written between the braces, trimmed.</summary>
    public static IEnumerable<string> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Placeholder().Matches(text).Select(match => match.Groups[1].Value.Trim());
    }

    /// <summary>Splits a placeholder into its root (<c>form</c> or <c>vars</c>) and path; false for any other shape.</summary>
    public static bool TryParse(string placeholder, out string root, out IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(placeholder);
        var segments = placeholder.Split('.');
        root = segments[0];
        path = segments[1..];
        return root is "form" or "vars"
            && path.Count > 0
            && path.All(segment => segment.Length > 0 && segment.All(c => char.IsLetterOrDigit(c) || c == '_'));
    }

    /// <summary>
    /// Replaces each <c>{{form.…}}</c> and <c>{{vars.…}}</c> by its value: text as is, numbers in invariant
    /// culture, true/false, objects and arrays as JSON, and a missing value as the empty string.
    /// </summary>
    public static string Render(string text, JsonObject form, JsonObject vars) => Render(text, form, vars, value => value);

    /// <summary>
    /// Renders the placeholders of a URL like <see cref="Render(string, JsonObject, JsonObject)"/>, with each value
    /// percent-encoded (RFC 3986), so that a value containing <c>/</c>, <c>?</c>, <c>&amp;</c> or spaces stays one
    /// path segment or query value.
    /// </summary>
    public static string RenderUrl(string url, JsonObject form, JsonObject vars) =>
        Render(url, form, vars, Uri.EscapeDataString);

    private static string Render(string text, JsonObject form, JsonObject vars, Func<string, string> encode)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(vars);
        return Placeholder().Replace(text, match =>
        {
            if (!TryParse(match.Groups[1].Value.Trim(), out var root, out var path))
            {
                return match.Value;
            }

            JsonNode? value = root == "form" ? form : vars;
            foreach (var segment in path)
            {
                value = value switch
                {
                    JsonObject obj => obj[segment],
                    JsonArray array when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
                        && i < array.Count => array[i],
                    _ => null,
                };
            }

            return encode(Format(value));
        });
    }

    /// <summary>Renders every culture's text of <paramref name="text"/>.</summary>
    public static LocalizedText? Render(LocalizedText? text, JsonObject form, JsonObject vars)
    {
        if (text is null)
        {
            return null;
        }

        var rendered = new LocalizedText();
        foreach (var (culture, value) in text.Values)
        {
            rendered.Values[culture] = Render(value, form, vars);
        }

        return rendered;
    }

    private static string Format(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => scalar.GetValue<string>(),
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Number => scalar.ToJsonString(),
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.True => "true",
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.False => "false",
        _ => value.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
    };

    [GeneratedRegex(@"\{\{([^{}]*)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
