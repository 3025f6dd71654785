using System.Text.Json.Serialization;
using WorkflowKit.Definitions.Conditions;

namespace WorkflowKit.Definitions.Packages;

/// <summary>A saved record list: the columns, filter and sort order of one form's records.</summary>
public sealed class ViewDefinition
{
    public const string KindName = "view";

    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public int FormatVersion { get; set; } = FormatVersions.Current;

    public string Kind { get; set; } = KindName;

    public string Key { get; set; } = string.Empty;

    public LocalizedText Name { get; set; } = new();

    public string Form { get; set; } = string.Empty;

    public List<string> Columns { get; set; } = [];

    public Condition? Filter { get; set; }

    public List<SortOrder>? Sort { get; set; }
}
