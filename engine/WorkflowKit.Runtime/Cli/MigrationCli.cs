using System.Globalization;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Migration;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Cli;

/// <summary>
/// The logic of <c>workflowkit instance migrate</c>: plans moving running instances to another published
/// version of their flow, prints the plan, and applies it unless it is a dry run. Exit codes follow
/// <see cref="RuntimeCli"/>: 0 done (or a dry run with no problems), 1 blocked, conflict or not found, 2 bad input.
/// </summary>
public sealed class MigrationCli(WorkflowEngine engine, TextWriter output, TextWriter error)
{
    private const int PageSize = 500;

    /// <summary>
    /// Parses <c>--map OLD=NEW</c> values into a node mapping.
    /// </summary>
    /// <exception cref="ArgumentException">A value is not OLD=NEW, or maps one old node id twice.</exception>
    public static IReadOnlyDictionary<string, string> ParseMapping(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var separator = value.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0 || separator == value.Length - 1)
            {
                throw new ArgumentException(
                    $"--map \"{value}\" is not OLD=NEW; pass the node id of the current version, '=', and the node id " +
                    "of the target version, such as --map review=credit-check.");
            }

            var from = value[..separator].Trim();
            var to = value[(separator + 1)..].Trim();
            if (!mapping.TryAdd(from, to))
            {
                throw new ArgumentException(
                    $"--map maps node '{from}' twice ({mapping[from]} and {to}); keep one of them.");
            }
        }

        return mapping;
    }

    /// <summary><c>instance migrate INSTANCE --to-version N [--map OLD=NEW ...] [--dry-run] --as USER</c>.</summary>
    public async Task<int> MigrateAsync(
        string instanceId, int toVersion, IReadOnlyDictionary<string, string> mapping, bool dryRun, string user,
        CancellationToken cancellationToken)
    {
        try
        {
            var plan = await engine.PlanMigrationAsync(instanceId, toVersion, mapping, cancellationToken).ConfigureAwait(false);
            await PrintPlanAsync(plan).ConfigureAwait(false);
            if (!plan.CanMigrate)
            {
                await PrintProblemsAsync(plan).ConfigureAwait(false);
                return RuntimeCli.Refused;
            }

            if (dryRun)
            {
                await output.WriteLineAsync("Dry run: nothing was written.").ConfigureAwait(false);
                return RuntimeCli.Ok;
            }

            await engine.MigrateInstanceAsync(plan, user, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(
                $"Migrated instance {plan.InstanceId} from version {plan.SourceVersion} to {plan.TargetVersion}.")
                .ConfigureAwait(false);
            return RuntimeCli.Ok;
        }
        catch (KeyNotFoundException exception)
        {
            await error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return RuntimeCli.NotFound;
        }
        catch (MigrationBlockedException blocked) when (blocked.Plan is not null)
        {
            await PrintProblemsAsync(blocked.Plan).ConfigureAwait(false);
            return RuntimeCli.Refused;
        }
        catch (ConcurrencyConflictException conflict)
        {
            await error.WriteLineAsync(conflict.Message).ConfigureAwait(false);
            return RuntimeCli.Refused;
        }
    }

    /// <summary>
    /// <c>instance migrate --all-of FLOW:VERSION --to-version N [--map OLD=NEW ...] [--dry-run] --as USER</c>:
    /// migrates every running instance of a flow version, each in its own transaction, and prints a summary.
    /// </summary>
    public async Task<int> MigrateAllAsync(
        string flowVersion, int toVersion, IReadOnlyDictionary<string, string> mapping, bool dryRun, string user,
        CancellationToken cancellationToken)
    {
        var separator = flowVersion.LastIndexOf(':');
        if (separator <= 0
            || !int.TryParse(flowVersion[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            await error.WriteLineAsync(
                $"--all-of \"{flowVersion}\" is not FLOW:VERSION; pass a flow key and a version number, such as " +
                "--all-of credit-review:1.").ConfigureAwait(false);
            return RuntimeCli.Usage;
        }

        var flowKey = flowVersion[..separator];
        var ids = await RunningInstancesAsync(flowKey, version, cancellationToken).ConfigureAwait(false);
        var done = 0;
        var blocked = 0;
        foreach (var id in ids)
        {
            var outcome = await MigrateOneAsync(id, toVersion, mapping, dryRun, user, cancellationToken).ConfigureAwait(false);
            if (outcome is null)
            {
                done++;
                await output.WriteLineAsync($"{(dryRun ? "ready" : "migrated")} {id}").ConfigureAwait(false);
            }
            else
            {
                blocked++;
                await output.WriteLineAsync($"blocked {id}").ConfigureAwait(false);
                foreach (var line in outcome)
                {
                    await error.WriteLineAsync($"{id}: {line}").ConfigureAwait(false);
                }
            }
        }

        await output.WriteLineAsync(
            $"{(dryRun ? "Ready to migrate" : "Migrated")} {done}, blocked {blocked} of {ids.Count} running " +
            $"instance(s) of {flowKey} version {version}{(dryRun ? " (dry run: nothing was written)" : string.Empty)}.")
            .ConfigureAwait(false);
        return blocked == 0 ? RuntimeCli.Ok : RuntimeCli.Refused;
    }

    /// <returns>Null when the instance migrated (or would in a dry run), else the reasons it is blocked.</returns>
    private async Task<IReadOnlyList<string>?> MigrateOneAsync(
        string instanceId, int toVersion, IReadOnlyDictionary<string, string> mapping, bool dryRun, string user,
        CancellationToken cancellationToken)
    {
        try
        {
            var plan = await engine.PlanMigrationAsync(instanceId, toVersion, mapping, cancellationToken).ConfigureAwait(false);
            if (!plan.CanMigrate)
            {
                return ProblemLines(plan);
            }

            if (!dryRun)
            {
                await engine.MigrateInstanceAsync(plan, user, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (MigrationBlockedException blocked) when (blocked.Plan is not null)
        {
            return ProblemLines(blocked.Plan);
        }
        catch (Exception exception) when (exception is ConcurrencyConflictException or KeyNotFoundException)
        {
            return [exception.Message];
        }
    }

    private async Task<IReadOnlyList<string>> RunningInstancesAsync(
        string flowKey, int version, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await engine.QueryInstancesAsync(
                new InstanceQuery { FlowKey = flowKey, Status = InstanceStatuses.Running, Offset = offset, Limit = PageSize },
                cancellationToken).ConfigureAwait(false);
            ids.AddRange(page.Where(instance => instance.FlowVersion == version).Select(instance => instance.Id));
            if (page.Count < PageSize)
            {
                return ids;
            }
        }
    }

    private async Task PrintPlanAsync(MigrationPlan plan)
    {
        await output.WriteLineAsync(
            $"Instance {plan.InstanceId}  flow {plan.FlowKey} v{plan.SourceVersion} -> v{plan.TargetVersion}")
            .ConfigureAwait(false);
        foreach (var item in plan.Items)
        {
            await output.WriteLineAsync(
                $"  {item.Kind,-5} {item.Id} {item.SourceNodeId} -> {item.TargetNodeId ?? "(missing)"} " +
                $"({item.NodeType}, {item.Detail ?? "-"}){Arrival(item)}").ConfigureAwait(false);
        }

        if (plan.NodeMapping.Count > 0)
        {
            await output.WriteLineAsync(
                $"  mapping: {string.Join(", ", plan.NodeMapping.Select(pair => $"{pair.Key}={pair.Value}"))}")
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Returns " edge E -> E2" for a token waiting at a join: the edge it arrived on and the one it counts for.
    /// </summary>
    private static string Arrival(MigrationItem item) =>
        item.SourceEdgeId is null ? string.Empty : $" edge {item.SourceEdgeId} -> {item.TargetEdgeId ?? "(unmapped)"}";

    private async Task PrintProblemsAsync(MigrationPlan plan)
    {
        await error.WriteLineAsync($"Migration of instance {plan.InstanceId} is blocked by {plan.Problems.Count} problem(s):")
            .ConfigureAwait(false);
        foreach (var line in ProblemLines(plan))
        {
            await error.WriteLineAsync($"  {line}").ConfigureAwait(false);
        }
    }

    private static List<string> ProblemLines(MigrationPlan plan) =>
        [.. plan.Problems.Select(problem => $"{problem.Code}{(problem.NodeId is null ? string.Empty : " @" + problem.NodeId)}: {problem.Message}")];
}
