using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Incidents;

/// <summary>
/// Words incidents and the outcome of a retry for the incidents page and the instance page, in the page's language.
/// The incident's own message stays the engine's text, because it quotes node ids, rules and expressions.
/// </summary>
/// <param name="text">The page's UI text; its culture decides the language.</param>
public sealed class IncidentText(UiText text)
{
    private UiText T { get; } = text;

    /// <summary>Names an incident kind, one of <see cref="IncidentKinds"/>; an unknown kind is shown as it is.</summary>
    public string KindLabel(string kind) => kind switch
    {
        IncidentKinds.Script => T["Script failed"],
        IncidentKinds.Expression => T["Expression failed"],
        IncidentKinds.Assignee => T["No assignee"],
        IncidentKinds.Routing => T["No route to take"],
        IncidentKinds.Http => T["HTTP call failed"],
        IncidentKinds.RetriesExhausted => T["Retries used up"],
        IncidentKinds.Definition => T["Invalid flow definition"],
        IncidentKinds.Loop => T["Loop without a wait"],
        IncidentKinds.InvalidRecord => T["Record breaks its form's rules"],
        _ => kind,
    };

    /// <summary>
    /// Describes what a retry led to: the node stopped again, the instance waits at new tasks, or it ended.
    /// <paramref name="userNames"/> gives display names by user id; ids are shown for users it lacks.
    /// </summary>
    public string DescribeRetry(IncidentRetryResult result, IReadOnlyDictionary<string, string> userNames)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(userNames);
        if (result.RaisedIncidents.Count > 0)
        {
            return T.Format(
                "Retried, but the node stopped again: {0} Fix the cause, then retry the new incident.",
                result.RaisedIncidents[0].Message);
        }

        if (result.Instance.State != InstanceState.Running)
        {
            return T.Format("Retried. The submission has ended as \"{0}\".", T[result.Instance.State.ToString()]);
        }

        if (result.OpenTasks.Count == 0)
        {
            return T["Retried. The node ran again and the submission continues."];
        }

        var separator = T.IsChinese ? "、" : ", ";
        var waiting = result.OpenTasks
            .GroupBy(task => task.NodeName.Get(T.Culture))
            .Select(group =>
            {
                var assignees = string.Join(
                    separator, group.Select(task => userNames.GetValueOrDefault(task.AssigneeId, task.AssigneeId)));
                return T.IsChinese ? $"{group.Key}（{assignees}）" : $"{group.Key} ({assignees})";
            });
        return T.Format("Retried. The submission now waits at {0}.", string.Join(separator, waiting));
    }

    /// <summary>Describes why a retry failed and what to do.</summary>
    public string DescribeFailure(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            NotFoundException => T["Retry failed: this incident no longer exists. The page now shows the current incidents."],
            ConcurrencyConflictException => T[
                "Retry failed: the incident was already retried or its submission has ended. The page now shows the current incidents."],
            AccessDeniedException => T["Retry failed: only administrators and process owners can retry incidents."],
            _ => T.Format("Retry failed: {0}", error.Message),
        };
    }
}
