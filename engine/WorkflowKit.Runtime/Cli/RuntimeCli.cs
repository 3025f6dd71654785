using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Forms;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Cli;

/// <summary>
/// The logic of the runtime commands of the <c>workflowkit</c> tool (run, tasks, complete,
/// instance, incidents), kept here so it is testable; the CLI parses arguments and calls these methods.
/// Each returns the process exit code of the tool's convention, which the import commands share. 0 is done. 1 is not
/// found, a conflict, refused or invalid data, such as an input file that is not JSON or form data that the form
/// rejects. 2 is a usage error, such as an input path that does not exist or an option value the command cannot use.
/// </summary>
public sealed class RuntimeCli(WorkflowEngine engine, TextWriter output, TextWriter error)
{
    public const int Ok = 0;
    public const int NotFound = 1;
    public const int Refused = 1;
    public const int InvalidData = 1;
    public const int Usage = 2;

    /// <summary><c>workflowkit run KEY --input FILE.json --db DB [--as USER]</c>: starts an instance and prints its state.</summary>
    public async Task<int> RunAsync(string flowKey, string? inputPath, string user, CancellationToken cancellationToken)
    {
        JsonObject? form = null;
        if (inputPath is not null)
        {
            if (!File.Exists(inputPath))
            {
                await error.WriteLineAsync($"error: Input file '{inputPath}' does not exist; pass a JSON file of form data.")
                    .ConfigureAwait(false);
                return Usage;
            }

            var json = await File.ReadAllTextAsync(inputPath, cancellationToken).ConfigureAwait(false);
            try
            {
                var options = new JsonDocumentOptions { AllowDuplicateProperties = false };
                form = JsonNode.Parse(json, documentOptions: options) as JsonObject;
            }
            catch (JsonException exception)
            {
                var description = JsonErrorDescriber.Describe(exception, $"Input file '{inputPath}'", json);
                await error.WriteLineAsync("error: " + description.Message).ConfigureAwait(false);
                return InvalidData;
            }

            if (form is null)
            {
                await error.WriteLineAsync($"error: Input file '{inputPath}' must hold a JSON object of field id to value.")
                    .ConfigureAwait(false);
                return InvalidData;
            }
        }

        return await GuardAsync(
            async () =>
            {
                var instance = await engine.StartAsync(
                    new StartInstanceRequest(flowKey, user) { Form = form, TriggerKind = TriggerKinds.Api },
                    cancellationToken).ConfigureAwait(false);
                await PrintInstanceAsync(instance.Id, withHistory: false, cancellationToken).ConfigureAwait(false);
            },
            invalid => invalid is InvalidSubmissionException
                ? error.WriteLineAsync(inputPath is null
                    ? "hint: no --input was passed. Pass the form data with --input FILE.json, a JSON object of " +
                      "field id to value such as {\"code\": \"C001\"}."
                    : $"hint: correct these fields in {inputPath} and run the command again.")
                : Task.CompletedTask).ConfigureAwait(false);
    }

    /// <summary><c>workflowkit tasks --db DB [--assignee USER]</c>: lists open tasks.</summary>
    public async Task<int> TasksAsync(string? assignee, CancellationToken cancellationToken)
    {
        var tasks = await engine.QueryTasksAsync(new TaskQuery { Assignee = assignee, Limit = 500 }, cancellationToken)
            .ConfigureAwait(false);
        if (tasks.Count == 0)
        {
            await output.WriteLineAsync(assignee is null ? "No open tasks." : $"No open tasks for {assignee}.").ConfigureAwait(false);
            return Ok;
        }

        await output.WriteLineAsync("TASK                              INSTANCE                          NODE            ASSIGNEE   DUE")
            .ConfigureAwait(false);
        foreach (var task in tasks)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{task.Id,-33} {task.InstanceId,-33} {task.NodeId,-15} {task.Assignee,-10} {Time(task.DueAt)}"))
                .ConfigureAwait(false);
        }

        return Ok;
    }

    /// <summary><c>workflowkit complete TASK --action ACTION --as USER --db DB [--comment TEXT]</c>.</summary>
    public Task<int> CompleteAsync(
        string taskId, string action, string user, string? comment, CancellationToken cancellationToken,
        string? targetUser = null, string? targetNode = null) =>
        GuardAsync(async () =>
        {
            var result = await engine.ActAsync(
                new TaskActionRequest(taskId, action, user)
                {
                    Comment = comment,
                    TargetUserId = targetUser,
                    TargetNodeId = targetNode,
                },
                cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Task {taskId}: {action} by {user} ({result.Task.Status}).").ConfigureAwait(false);
            await PrintInstanceAsync(result.Instance.Id, withHistory: false, cancellationToken).ConfigureAwait(false);
        });

    /// <summary><c>workflowkit instance ID --db DB</c>: the path taken, the tasks and the audit trail.</summary>
    public Task<int> InstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        GuardAsync(() => PrintInstanceAsync(instanceId, withHistory: true, cancellationToken));

    /// <summary><c>workflowkit incidents --db DB [--instance ID]</c>: lists open incidents, oldest first.</summary>
    public async Task<int> IncidentsAsync(string? instanceId, CancellationToken cancellationToken)
    {
        if (instanceId is not null
            && await engine.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false) is null)
        {
            await error.WriteLineAsync($"error: Instance '{instanceId}' does not exist; check the id.")
                .ConfigureAwait(false);
            return NotFound;
        }

        var incidents = await engine.GetIncidentsAsync(instanceId, openOnly: true, cancellationToken)
            .ConfigureAwait(false);
        if (incidents.Count == 0)
        {
            await output.WriteLineAsync(instanceId is null
                ? "No open incidents."
                : $"No open incidents for instance {instanceId}.").ConfigureAwait(false);
            return Ok;
        }

        await output.WriteLineAsync(
            "INCIDENT                          INSTANCE                          NODE            KIND         CREATED")
            .ConfigureAwait(false);
        foreach (var incident in incidents)
        {
            var created = Time(incident.CreatedAt);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{incident.Id,-33} {incident.InstanceId,-33} {incident.NodeId ?? "-",-15} {incident.Kind,-12} {created}"))
                .ConfigureAwait(false);
            await output.WriteLineAsync($"  {incident.Message}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(
            "Fix the cause, then run 'workflowkit incidents retry INCIDENT --db DB' to run the node again.")
            .ConfigureAwait(false);
        return Ok;
    }

    /// <summary>
    /// <c>workflowkit incidents retry ID --db DB [--as USER]</c>: resolves an incident, runs its node again and prints
    /// the instance. Exits 1 when the node raised a new incident, because its cause is still there.
    /// </summary>
    public Task<int> RetryIncidentAsync(string incidentId, string user, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            var before = (await engine.GetIncidentsAsync(null, openOnly: true, cancellationToken).ConfigureAwait(false))
                .Select(incident => incident.Id)
                .ToHashSet(StringComparer.Ordinal);
            var instance = await engine.RetryIncidentAsync(incidentId, user, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Incident {incidentId}: retried by {user}.").ConfigureAwait(false);
            await PrintInstanceAsync(instance.Id, withHistory: false, cancellationToken).ConfigureAwait(false);

            var raised = (await engine.GetIncidentsAsync(instance.Id, openOnly: true, cancellationToken)
                    .ConfigureAwait(false))
                .Where(incident => !before.Contains(incident.Id))
                .ToList();
            if (raised.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The retry of incident {incidentId} raised incident {raised[0].Id}: {raised[0].Message}");
            }
        });

    /// <summary>Cancels a running instance through <see cref="WorkflowEngine.CancelAsync"/> and prints it.</summary>
    public Task<int> CancelInstanceAsync(string instanceId, string reason, string user, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                throw new ArgumentException(
                    $"Give a reason to cancel instance {instanceId} with --reason; the audit trail keeps it.",
                    nameof(reason));
            }

            var instance = await engine.CancelAsync(instanceId, user, reason.Trim(), cancellationToken)
                .ConfigureAwait(false);
            await output.WriteLineAsync($"Instance {instanceId}: cancelled by {user}.").ConfigureAwait(false);
            await PrintInstanceAsync(instance.Id, withHistory: false, cancellationToken).ConfigureAwait(false);
        });

    private async Task PrintInstanceAsync(string instanceId, bool withHistory, CancellationToken cancellationToken)
    {
        var detail = await engine.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Instance '{instanceId}' does not exist; check the id.");
        var instance = detail.Instance;
        await output.WriteLineAsync(
            $"Instance {instance.Id}  flow {instance.FlowKey} v{instance.FlowVersion}  {instance.Status}" +
            (instance.EndNodeId is null ? string.Empty : $" at {instance.EndNodeId}")).ConfigureAwait(false);
        var history = await engine.GetHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var started = StartDescription.Describe(
            instance, StartDescription.StartDetails(history), engine.Options.SystemUserId);
        await output.WriteLineAsync($"  started {Time(instance.StartedAt)} {started}").ConfigureAwait(false);
        foreach (var position in detail.Positions)
        {
            await output.WriteLineAsync($"  waiting at {position.NodeId} ({position.WaitKind})").ConfigureAwait(false);
        }

        foreach (var task in detail.Tasks)
        {
            await output.WriteLineAsync(
                $"  task {task.Id} {task.NodeId} {task.Assignee} {task.Status}" +
                (task.Outcome is null ? string.Empty : $" {task.Outcome}")).ConfigureAwait(false);
        }

        foreach (var incident in detail.Incidents)
        {
            await output.WriteLineAsync($"  incident {incident.Id}: {incident.Message}").ConfigureAwait(false);
        }

        if (!withHistory)
        {
            return;
        }

        var path = history.Where(entry => entry.Action == Audit.AuditActions.NodeCompleted).Select(entry => entry.NodeId);
        await output.WriteLineAsync($"  path: {string.Join(" > ", path)}").ConfigureAwait(false);
        await output.WriteLineAsync("  audit:").ConfigureAwait(false);
        foreach (var entry in history.Where(entry => entry.Action is not (Audit.AuditActions.NodeEntered or Audit.AuditActions.NodeCompleted)))
        {
            await output.WriteLineAsync(
                $"    {Time(entry.At)} {entry.Actor,-8} {entry.Action}" +
                (entry.NodeId is null ? string.Empty : $" @{entry.NodeId}") +
                (entry.Comment is null ? string.Empty : $" \"{entry.Comment}\"")).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> and turns the exceptions a user can act on into an error line and an exit code.
    /// <paramref name="explainBadInput"/> may print a hint after the error line of bad input.
    /// </summary>
    private async Task<int> GuardAsync(Func<Task> work, Func<ArgumentException, Task>? explainBadInput = null)
    {
        try
        {
            await work().ConfigureAwait(false);
            return Ok;
        }
        catch (KeyNotFoundException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return NotFound;
        }
        catch (Exception exception) when (exception is ConcurrencyConflictException or UnauthorizedAccessException
            or InvalidOperationException)
        {
            await error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            return Refused;
        }
        catch (ArgumentException exception)
        {
            await error.WriteLineAsync($"error: {exception.Message}").ConfigureAwait(false);
            if (explainBadInput is not null)
            {
                await explainBadInput(exception).ConfigureAwait(false);
            }

            // Rejected form data is invalid data, as in the import commands; any other argument the engine rejects
            // came from the command line.
            return exception is InvalidSubmissionException ? InvalidData : Usage;
        }
    }

    private static string Time(DateTimeOffset? value) =>
        value?.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "-";
}
