using System.Text.Json.Serialization;

namespace WorkflowKit.Definitions.Forms;

/// <summary>A form: the fields staff fill in and the rules their values must satisfy.</summary>
public sealed class FormDefinition
{
    public const string KindName = "form";

    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public int FormatVersion { get; set; } = FormatVersions.Current;

    public string Kind { get; set; } = KindName;

    /// <summary>Stable key that flows, records and packages refer to, such as "customer".</summary>
    public string Key { get; set; } = string.Empty;

    public LocalizedText Name { get; set; } = new();

    public LocalizedText? Description { get; set; }

    public List<FieldDefinition> Fields { get; set; } = [];

    /// <summary>Cross-field rules: each condition must hold for the submission to be accepted.</summary>
    public List<FormRule>? Rules { get; set; }

    /// <summary>The field shown as the record's title in lists and lookups.</summary>
    public string? TitleField { get; set; }

    /// <summary>Fields that record lists filter and sort on; the record store indexes them.</summary>
    public List<string>? IndexedFields { get; set; }
}
