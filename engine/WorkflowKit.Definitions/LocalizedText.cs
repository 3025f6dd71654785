using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowKit.Definitions;

/// <summary>
/// A user-visible label in one or more languages, keyed by culture name such as "zh-CN" or "en".
/// In JSON it is either a plain string (any language) or an object of culture to text.
/// </summary>
[JsonConverter(typeof(LocalizedTextConverter))]
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    public const string Neutral = "";

    public LocalizedText()
    {
    }

    public LocalizedText(string text)
    {
        Values[Neutral] = text;
    }

    public LocalizedText(string zhCn, string en)
    {
        Values["zh-CN"] = zhCn;
        Values["en"] = en;
    }

    /// <summary>Texts by culture name; the empty key holds a text written as a plain string.</summary>
    public SortedDictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the text for a culture, falling back to its parent culture, zh-CN, en, then any text.</summary>
    public string Get(string culture)
    {
        if (Values.TryGetValue(culture, out var exact))
        {
            return exact;
        }

        var dash = culture.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0 && Values.TryGetValue(culture[..dash], out var parent))
        {
            return parent;
        }

        foreach (var fallback in new[] { Neutral, "zh-CN", "en" })
        {
            if (Values.TryGetValue(fallback, out var text))
            {
                return text;
            }
        }

        return Values.Values.FirstOrDefault() ?? string.Empty;
    }

    /// <summary>
    /// Returns a copy whose text for <paramref name="culture"/> is <paramref name="text"/>, keeping the other
    /// languages, so an edit made in one language never drops another. A blank text removes that language's text.
    /// A plain string is the text every language shows, so the edit replaces it with the culture's entry: the
    /// format allows no empty culture key beside culture names.
    /// </summary>
    public LocalizedText WithText(string culture, string? text)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var copy = new LocalizedText();
        foreach (var (key, value) in Values)
        {
            if (key != Neutral)
            {
                copy.Values[key] = value;
            }
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            copy.Values.Remove(culture);
        }
        else
        {
            copy.Values[culture] = text;
        }

        return copy;
    }

    public override string ToString() => Get("en");

    public bool Equals(LocalizedText? other) =>
        other is not null && Values.Count == other.Values.Count
        && Values.All(pair => other.Values.TryGetValue(pair.Key, out var text) && text == pair.Value);

    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    public override int GetHashCode() => Values.Count == 0 ? 0 : HashCode.Combine(Values.First().Key, Values.First().Value);
}

/// <summary>Reads and writes <see cref="LocalizedText"/> as a string or a culture map.</summary>
public sealed class LocalizedTextConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new LocalizedText(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException(
                $"Expected a text or an object such as {{\"zh-CN\": \"…\", \"en\": \"…\"}}, got {reader.TokenType}.");
        }

        var result = new LocalizedText();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var culture = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"Expected a text for culture '{culture}', got {reader.TokenType}.");
            }

            result.Values[culture] = reader.GetString()!;
        }

        return result;
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        if (value.Values.Count == 1 && value.Values.ContainsKey(LocalizedText.Neutral))
        {
            writer.WriteStringValue(value.Values[LocalizedText.Neutral]);
            return;
        }

        writer.WriteStartObject();
        foreach (var (culture, text) in value.Values)
        {
            writer.WriteString(culture, text);
        }

        writer.WriteEndObject();
    }
}
