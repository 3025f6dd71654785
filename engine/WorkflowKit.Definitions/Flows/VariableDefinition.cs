using System.Text.Json.Nodes;

namespace WorkflowKit.Definitions.Flows;

/// <summary>A flow variable: instance state outside the form, read by conditions as "vars.NAME".</summary>
public sealed class VariableDefinition
{
    public string Name { get; set; } = string.Empty;

    /// <summary>One of text, number, money, boolean, date, datetime, object, list.</summary>
    public string Type { get; set; } = "text";

    public JsonNode? Default { get; set; }
}
