using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Graph;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Migration;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime;

/// <summary>Explicit migration of running instances to another published version of their flow.</summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Plans moving a running instance to <paramref name="targetVersion"/> of its flow: each live token and
    /// open task with its node in both versions, and every problem that blocks the move. Writes nothing.
    /// </summary>
    /// <param name="instanceId">The running instance.</param>
    /// <param name="targetVersion">A published version of the instance's flow.</param>
    /// <param name="nodeMapping">Node id in the current version to node id in the target version, for nodes
    /// that were renamed. Unmapped nodes keep their id.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="KeyNotFoundException">The instance does not exist.</exception>
    public async Task<MigrationPlan> PlanMigrationAsync(
        string instanceId, int targetVersion, IReadOnlyDictionary<string, string>? nodeMapping,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var store = _services.Store;
        var transaction = await _services.Database.BeginReadTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var instance = await store.GetInstanceAsync(transaction, instanceId, cancellationToken).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"Instance '{instanceId}' does not exist; check the id.");
            var tokens = await store.GetTokensAsync(transaction, instanceId, liveOnly: true, cancellationToken)
                .ConfigureAwait(false);
            var tasks = await store.GetTasksAsync(transaction, instanceId, openOnly: true, cancellationToken)
                .ConfigureAwait(false);
            return await BuildMigrationPlanAsync(
                instance, tokens, tasks, targetVersion, nodeMapping ?? new Dictionary<string, string>(), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Applies a plan from <see cref="PlanMigrationAsync"/> in one transaction: the instance's flow version,
    /// the node ids of its tokens and open tasks, and the timers of those tasks change together with an audit
    /// line, or nothing changes. Completed steps do not run again and the tokens keep waiting where they were.
    /// </summary>
    /// <returns>The instance on its new version.</returns>
    /// <exception cref="MigrationBlockedException">The plan has problems, or planning again on the current
    /// state finds some. Nothing was written.</exception>
    /// <exception cref="ConcurrencyConflictException">The instance changed since the plan was made (a task
    /// was completed, a timer fired). Nothing was written, so plan again.</exception>
    public async Task<WorkflowInstance> MigrateInstanceAsync(
        MigrationPlan plan, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (!plan.CanMigrate)
        {
            throw new MigrationBlockedException(plan);
        }

        var context = await CommitAsync(
            "migrate",
            async unit =>
            {
                var step = await LoadAsync("migrate", unit, plan.InstanceId, cancellationToken).ConfigureAwait(false);
                if (step.Instance.Version != plan.InstanceVersion)
                {
                    throw new ConcurrencyConflictException(
                        $"Instance {plan.InstanceId} changed since its migration was planned (planned at version " +
                        $"{plan.InstanceVersion}, now {step.Instance.Version}); plan the migration again.")
                    {
                        Subject = $"instance {plan.InstanceId}",
                        ExpectedVersion = plan.InstanceVersion,
                        ActualVersion = step.Instance.Version,
                    };
                }

                var current = await BuildMigrationPlanAsync(
                    step.Instance, [.. step.LiveTokens], [.. step.OpenTasks], plan.TargetVersion, plan.NodeMapping,
                    cancellationToken).ConfigureAwait(false);
                if (plan.FlowKey != step.Instance.FlowKey)
                {
                    current = current with
                    {
                        Problems = [.. current.Problems, new MigrationProblem(
                            plan.InstanceId, null, MigrationProblemCodes.OtherFlow,
                            $"The plan is for flow '{plan.FlowKey}', but instance {plan.InstanceId} runs flow " +
                            $"'{step.Instance.FlowKey}'; plan the migration for this instance.")],
                    };
                }

                if (!current.CanMigrate)
                {
                    throw new MigrationBlockedException(current);
                }

                var target = await _services.GraphAsync(step.Instance.FlowKey, plan.TargetVersion, cancellationToken)
                    .ConfigureAwait(false);

                // Read outside the step's transaction: a timer that fires or is added meanwhile is a step that
                // raises the instance version, so the write below fails with a conflict in that case.
                var timers = await _services.Store.GetTimersAsync(plan.InstanceId, cancellationToken).ConfigureAwait(false);
                var write = MigrationApplier.Apply(step, target, current, userId, timers);
                var transaction = await unit.WriteAsync(cancellationToken).ConfigureAwait(false);
                await _services.Store.SaveMigrationAsync(transaction, write, cancellationToken).ConfigureAwait(false);
                return step;
            },
            cancellationToken).ConfigureAwait(false);
        RuntimeLog.InstanceMigrated(
            _services.Logger, plan.InstanceId, plan.FlowKey, plan.SourceVersion, plan.TargetVersion, userId);
        return ToInstance(context.Instance, context.Vars);
    }

    private async Task<MigrationPlan> BuildMigrationPlanAsync(
        InstanceRecord instance, IReadOnlyList<TokenRecord> liveTokens, IReadOnlyList<TaskRecord> openTasks,
        int targetVersion, IReadOnlyDictionary<string, string> nodeMapping, CancellationToken cancellationToken)
    {
        var source = await _services.GraphAsync(instance.FlowKey, instance.FlowVersion, cancellationToken)
            .ConfigureAwait(false);
        FlowGraph? target = null;
        string? targetMissing = null;
        try
        {
            target = await _services.GraphAsync(instance.FlowKey, targetVersion, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyNotFoundException missing)
        {
            targetMissing = missing.Message;
        }

        return MigrationPlanner.Plan(
            instance, source, target, targetVersion, targetMissing, liveTokens, openTasks, nodeMapping);
    }
}
