using System.Text.Json.Nodes;

namespace WorkflowKit.Files;

/// <summary>
/// The value that an attachment, image or signature field stores for one file: <c>{id, name, size, contentType}</c>,
/// as <c>POST /api/files</c> returns it.
/// </summary>
public sealed record FileReference(string Id, string Name, long Size, string ContentType)
{
    /// <summary>The property names of a reference; a reference with any other property is invalid.</summary>
    public static IReadOnlySet<string> PropertyNames { get; } =
        new HashSet<string>(["id", "name", "size", "contentType"], StringComparer.Ordinal);

    /// <summary>Returns the reference as the JSON object that form data stores.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["size"] = Size,
        ["contentType"] = ContentType,
    };

    /// <summary>
    /// Reads a reference from form data; null when the value is not an object with a string <c>id</c> and
    /// <c>name</c>. Size and content type default to 0 and an empty string when missing.
    /// </summary>
    public static FileReference? FromJson(JsonNode? value)
    {
        if (value is not JsonObject file
            || file["id"] is not JsonValue id || !id.TryGetValue<string>(out var idText)
            || file["name"] is not JsonValue name || !name.TryGetValue<string>(out var nameText))
        {
            return null;
        }

        var size = file["size"] is JsonValue sizeValue && sizeValue.TryGetValue<long>(out var bytes) ? bytes : 0;
        var type = file["contentType"] is JsonValue typeValue && typeValue.TryGetValue<string>(out var text)
            ? text
            : string.Empty;
        return new FileReference(idText, nameText, size, type);
    }

    /// <summary>Returns the references in a field value: one object, or a list of them for a field with several files.</summary>
    public static IEnumerable<FileReference> ListIn(JsonNode? value) => value switch
    {
        JsonArray items => items.Select(FromJson).OfType<FileReference>(),
        JsonObject => FromJson(value) is { } single ? [single] : [],
        _ => [],
    };
}
