using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Incidents;

/// <summary>
/// Words incidents and the outcome of a retry for the incidents page and the instance page, in the page's language.
/// An incident is shown as a summary worded from its kind and its node's display name, which works for every stored
/// incident, old ones too. The engine's stored message stays as the detail under it, in English, because it quotes
/// node ids, rules, expressions and exception text.
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
    /// Returns what went wrong at the incident's node and what to do, in the page's language, naming the node by its
    /// display name (its id when the flow has no name for it).
    /// </summary>
    public string Summary(IncidentSummary incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var node = incident.NodeName?.Get(T.Culture) is { Length: > 0 } name ? name : incident.NodeId ?? "-";
        return Summary(incident.Kind, node);
    }

    /// <summary>Returns the summary of an incident of <paramref name="kind"/> at the node named <paramref name="node"/>.</summary>
    public string Summary(string kind, string node) => kind switch
    {
        IncidentKinds.Script => T.Format(
            "The script of step \"{0}\" failed, so the step stopped. Correct the script or the data it reads, then retry.",
            node),
        IncidentKinds.Expression => T.Format(
            "An expression of step \"{0}\" failed, so the step stopped. Correct the expression or the form data it reads, then retry.",
            node),
        IncidentKinds.Assignee => T.Format(
            "Step \"{0}\" found nobody to give its task to. Ask an administrator to add members to the role or department, or change the step's assignee rules, then retry.",
            node),
        IncidentKinds.Routing => T.Format(
            "Step \"{0}\" could not decide where the submission goes next. Check the branch conditions and the records the step uses, then retry.",
            node),
        IncidentKinds.Http => T.Format(
            "The HTTP call of step \"{0}\" failed. Check that the service is available and the request is correct, then retry.",
            node),
        IncidentKinds.RetriesExhausted => T.Format(
            "Step \"{0}\" still failed after its automatic retries. Fix the cause that the details give, then retry.",
            node),
        IncidentKinds.Definition => T.Format(
            "Step \"{0}\" lacks a setting in the flow definition, so it cannot run. Correct the flow and move the submission to the corrected version, or cancel the submission.",
            node),
        IncidentKinds.Loop => T.Format(
            "Step \"{0}\" is in a loop that repeats without waiting, so the engine stopped it. Add a wait or an exit condition to the loop in the flow.",
            node),
        IncidentKinds.InvalidRecord => T.Format(
            "Step \"{0}\" would write a record that breaks its form's rules, so nothing was written. Correct the values it writes or the submission data they come from, then retry.",
            node),
        _ => T.Format("Step \"{0}\" stopped on a fault. The details give the reason.", node),
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
                Summary(result.RaisedIncidents[0]));
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
