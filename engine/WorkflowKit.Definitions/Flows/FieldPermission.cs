using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowKit.Definitions.Flows;

/// <summary>
/// Access to one field at a node: "editable", "readonly" or "hidden"; sub-tables also say
/// whether rows may be added, edited and deleted. In JSON a plain string is accepted.
/// </summary>
[JsonConverter(typeof(FieldPermissionConverter))]
public sealed class FieldPermission
{
    public const string Editable = "editable";
    public const string ReadOnly = "readonly";
    public const string Hidden = "hidden";

    public string Access { get; set; } = ReadOnly;

    public bool? AddRows { get; set; }

    public bool? EditRows { get; set; }

    public bool? DeleteRows { get; set; }

    /// <summary>
    /// Column of a sub-table that contains a user id. When set, a task may change only the rows whose column equals
    /// the user the task was created for. The stored values of all other rows are kept, so several tasks of one
    /// node can each edit their own rows without overwriting each other.
    /// </summary>
    public string? RowOwner { get; set; }

    public static IReadOnlySet<string> AccessValues { get; } =
        new HashSet<string>(StringComparer.Ordinal) { Editable, ReadOnly, Hidden };
}

/// <summary>Reads a <see cref="FieldPermission"/> from a string or an object.</summary>
public sealed class FieldPermissionConverter : JsonConverter<FieldPermission>
{
    public override FieldPermission Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new FieldPermission { Access = reader.GetString()! };
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected \"editable\", \"readonly\", \"hidden\" or an object, got {reader.TokenType}.");
        }

        var result = new FieldPermission();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "access":
                    result.Access = reader.GetString() ?? throw new JsonException("Expected a text for 'access'.");
                    break;
                case "addRows":
                    result.AddRows = reader.GetBoolean();
                    break;
                case "editRows":
                    result.EditRows = reader.GetBoolean();
                    break;
                case "deleteRows":
                    result.DeleteRows = reader.GetBoolean();
                    break;
                case "rowOwner":
                    result.RowOwner = reader.GetString();
                    break;
                default:
                    throw new JsonException(
                        $"Unknown property '{name}' in a field permission; expected access, addRows, editRows, " +
                        "deleteRows or rowOwner.");
            }
        }

        return result;
    }

    public override void Write(Utf8JsonWriter writer, FieldPermission value, JsonSerializerOptions options)
    {
        if (value.AddRows is null && value.EditRows is null && value.DeleteRows is null && value.RowOwner is null)
        {
            writer.WriteStringValue(value.Access);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("access", value.Access);
        WriteFlag(writer, "addRows", value.AddRows);
        WriteFlag(writer, "editRows", value.EditRows);
        WriteFlag(writer, "deleteRows", value.DeleteRows);
        if (value.RowOwner is { } rowOwner)
        {
            writer.WriteString("rowOwner", rowOwner);
        }

        writer.WriteEndObject();
    }

    private static void WriteFlag(Utf8JsonWriter writer, string name, bool? flag)
    {
        if (flag is { } set)
        {
            writer.WriteBoolean(name, set);
        }
    }
}
