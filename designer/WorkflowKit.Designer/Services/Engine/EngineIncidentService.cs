using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Services.Engine;

/// <summary>
/// Lists and retries the engine's incidents. Each incident is described with its instance as
/// <see cref="IWorkService.GetInstanceAsync"/> returns it to the user, so titles and flow names read as on the
/// instance page.
/// </summary>
public sealed class EngineIncidentService(
    WorkflowEngine engine, IWorkService work, ILogger<EngineIncidentService> logger) : IIncidentService
{
    public async Task<IReadOnlyList<IncidentSummary>> ListAsync(
        string? instanceId, bool openOnly, UserContext user, CancellationToken cancellationToken)
    {
        RequireDesigner(user);
        if (instanceId is not null && await engine.GetInstanceAsync(instanceId, cancellationToken) is null)
        {
            throw NotFoundException.Instance(instanceId);
        }

        // NOTE: reads each instance with an incident in full, tasks and audit trail included. That suits the tens of
        // open incidents an operator works through, not a listing of thousands of resolved ones.
        var incidents = await engine.GetIncidentsAsync(instanceId, openOnly, cancellationToken);
        var result = new List<IncidentSummary>();
        foreach (var group in incidents.GroupBy(incident => incident.InstanceId, StringComparer.Ordinal))
        {
            var detail = await work.GetInstanceAsync(group.Key, user, cancellationToken);
            if (detail is null)
            {
                continue;
            }

            var flow = DefinitionJson.Deserialize<FlowDefinition>(detail.FlowJson);
            var (depth, top) = await TopInstanceAsync(group.Key, user, cancellationToken);
            result.AddRange(group.Select(incident => IncidentSummary.From(incident, detail.Summary, flow) with
            {
                SubFlowDepth = depth,
                TopInstanceId = top?.Id,
                TopInstanceTitle = top?.Title,
            }));
        }

        return [.. result.OrderByDescending(incident => incident.CreatedAt).ThenBy(incident => incident.Id)];
    }

    public async Task<IncidentRetryResult> RetryAsync(
        string incidentId, UserContext user, CancellationToken cancellationToken)
    {
        RequireDesigner(user);
        var openBefore = (await engine.GetIncidentsAsync(null, openOnly: true, cancellationToken))
            .Select(incident => incident.Id)
            .ToHashSet(StringComparer.Ordinal);

        Runtime.Instances.WorkflowInstance instance;
        try
        {
            instance = await engine.RetryIncidentAsync(incidentId, user.Id, cancellationToken);
        }
        catch (KeyNotFoundException missing)
        {
            throw NotFoundException.Incident(incidentId, missing);
        }

        var detail = await work.GetInstanceAsync(instance.Id, user, cancellationToken)
            ?? throw new NotFoundException($"Instance '{instance.Id}' of incident {incidentId} no longer exists.");
        var raised = detail.Incidents.Where(incident => !openBefore.Contains(incident.Id)).ToList();
        DesignerLog.IncidentRetried(logger, incidentId, instance.Id, user.Id, raised.Count);
        return new IncidentRetryResult(
            incidentId,
            detail.Summary,
            [.. detail.Tasks.Where(task => task.State == TaskState.Open)],
            raised);
    }

    /// <summary>
    /// Follows the parent links of a sub-flow instance up to the submission a person started. Returns the number of
    /// links and that submission, or (0, null) for an instance without a parent. A sub-flow of a flow that starts
    /// itself repeats its parent's title with more text each level, so its incident is better named by the top title.
    /// </summary>
    private async Task<(int Depth, InstanceSummary? Top)> TopInstanceAsync(
        string instanceId, UserContext user, CancellationToken cancellationToken)
    {
        var depth = 0;
        var current = (await engine.GetInstanceAsync(instanceId, cancellationToken))?.Instance;
        var seen = new HashSet<string>(StringComparer.Ordinal) { instanceId };
        while (current?.ParentInstanceId is { } parentId && seen.Add(parentId))
        {
            var parent = (await engine.GetInstanceAsync(parentId, cancellationToken))?.Instance;
            if (parent is null)
            {
                break;
            }

            current = parent;
            depth++;
        }

        if (depth == 0 || current is null)
        {
            return (0, null);
        }

        var top = await work.GetInstanceAsync(current.Id, user, cancellationToken);
        return (depth, top?.Summary);
    }

    private static void RequireDesigner(UserContext user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.CanDesign)
        {
            throw new AccessDeniedException(
                $"Only administrators and process owners may list and retry incidents; {user.Id} is neither.");
        }
    }
}
