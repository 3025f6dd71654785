using System.Text.Json.Serialization;

namespace WorkflowKit.Definitions.Packages;

/// <summary>One sort key of a record list.</summary>
public sealed class SortOrder
{
    public string Field { get; set; } = string.Empty;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]

    public bool Descending { get; set; }
}
