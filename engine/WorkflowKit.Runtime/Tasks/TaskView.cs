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
    IReadOnlyList<string> Actions)
{
    /// <summary>
    /// The nodes the task may return to, the initiator first and then the earlier human nodes of its branch, oldest
    /// first. Empty when the task is not open or offers no return, and then <see cref="Actions"/> leaves out
    /// <c>return</c>.
    /// </summary>
    public IReadOnlyList<ReturnTarget> ReturnTargets { get; init; } = [];

    /// <summary>For the initiator's resubmission task: who returned the instance, from where and why. Else null.</summary>
    public ReturnNote? ReturnNote { get; init; }
}
