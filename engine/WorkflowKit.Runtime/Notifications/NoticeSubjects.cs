using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Runtime.Notifications;

/// <summary>Builds the <see cref="TaskNotice"/> of a task from the instance's form data and the node.</summary>
internal static class NoticeSubjects
{
    /// <summary>
    /// Builds the notice of <paramref name="task"/> at <paramref name="node"/>. The subject is the form's title field
    /// (its <c>titleField</c>, else its first field), else its first serial-number field, else the instance id.
    /// A field that the node hides from its assignee is skipped, so a notice never shows what the task view hides.
    /// </summary>
    public static TaskNotice Of(StepContext context, NodeDefinition node, TaskRecord task, TimeZoneInfo zone)
    {
        var subject = Title(context, node) ?? context.Instance.Id;
        var due = task.DueAt is { } at
            ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : null;
        return new TaskNotice(node.Name ?? new(node.Id), subject, due);
    }

    /// <summary>
    /// Reads the submission's title as the assignee at <paramref name="node"/> may see it: the form's title field
    /// (its <c>titleField</c>, else its first field), else its first serial-number field. Returns null when the node
    /// hides both or both are empty.
    /// </summary>
    public static string? Title(StepContext context, NodeDefinition node)
    {
        var form = context.Graph.Published.Form;
        var titleField = form?.TitleField ?? form?.Fields.FirstOrDefault()?.Id;
        var serialField = form?.Fields.FirstOrDefault(field => field.Type == FieldTypes.Serial)?.Id;
        return ValueOf(context, node, titleField) ?? ValueOf(context, node, serialField);
    }

    private static string? ValueOf(StepContext context, NodeDefinition node, string? field)
    {
        if (field is null
            || node.FieldPermissions?.GetValueOrDefault(field)?.Access == FieldPermission.Hidden
            || context.Instance.Form[field] is not JsonValue value)
        {
            return null;
        }

        var text = value.ToString().Trim();
        return text.Length == 0 ? null : text;
    }
}
