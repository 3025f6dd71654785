using System.Text.Json.Nodes;
using WorkflowKit.Definitions;

namespace WorkflowKit.Runtime.Tasks;

/// <summary>
/// What an assignee sees for a task: the form data without the fields hidden at the node, the
/// access per field and the actions offered.
/// </summary>
public sealed record TaskView(
    WorkTask Task,
    LocalizedText? NodeName,
    string Initiator,
    JsonObject Form,
    IReadOnlyDictionary<string, string> FieldAccess,
    IReadOnlyList<string> Actions);
