using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Designer.Services;

/// <summary>
/// A sub-flow instance that an audit line started or came from, with what the viewer may see of it: its flow's name
/// and its title, which is null when the viewer may not see the title field.
/// </summary>
public sealed record AuditSubFlow(string InstanceId, LocalizedText FlowName, string? Title)
{
    /// <summary>The sub-flow's flow version, so that the page names the nodes of the lines that come from it.</summary>
    [JsonIgnore]
    public FlowDefinition? Flow { get; init; }

    /// <summary>The sub-flow's form, so that the page labels and formats the changes of its lines.</summary>
    [JsonIgnore]
    public FormDefinition? Form { get; init; }
}

/// <summary>
/// A record that a createRecord node created. <see cref="Title"/> and <see cref="Amounts"/> are null when the viewer
/// may not read the record. They are its current values, not those at creation.
/// </summary>
public sealed record AuditRecord(string FormKey, long RecordId)
{
    /// <summary>The record's form name, or null when the form is not published any more.</summary>
    public LocalizedText? FormName { get; init; }

    /// <summary>The value of the form's title field, such as a receivable's invoice number.</summary>
    public JsonNode? Title { get; init; }

    /// <summary>The money fields that the viewer may see, by field id, such as a receivable's amount.</summary>
    public JsonObject? Amounts { get; init; }

    /// <summary>The form, so that the page labels and formats <see cref="Amounts"/>.</summary>
    [JsonIgnore]
    public FormDefinition? Form { get; init; }
}
