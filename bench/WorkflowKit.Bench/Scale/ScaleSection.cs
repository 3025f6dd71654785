using System.Globalization;
using Microsoft.Data.Sqlite;
using WorkflowKit.Bench.Engine;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Expressions;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Bench.Scale;

/// <summary>
/// Section "scale": an approver's inbox (<see cref="WorkflowEngine.QueryTasksAsync"/>, open tasks,
/// first page of 100) and a salesperson's shipment list (<see cref="RecordReader.ListAsync"/>,
/// newest first, page of 50 with the total, restricted to the user's region by a data
/// permission rule) on the large store.
/// </summary>
public static class ScaleSection
{
    /// <summary>The count limit of the capped list, as a list page would show "1,000+".</summary>
    private const int ListCountLimit = 1_000;

    public static async Task RunAsync(BenchOptions options, BenchPlan plan, BenchReport report)
    {
        var size = string.Create(
            CultureInfo.InvariantCulture, $"{plan.ScaleInstances:N0} instances, {plan.ScaleOpenTasks:N0} open tasks");
        report.Note("scale.store", options.Quick ? $"{size} (quick run: the full run uses 1,000,000 and 100,000)" : size);
        var (path, generated) = await ScaleStore.EnsureAsync(options.WorkDirectory, plan.ScaleInstances, plan.ScaleOpenTasks);
        if (generated is { } took)
        {
            report.Add("scale.generateSeconds", took.TotalSeconds, "s");
        }
        else
        {
            report.Note("scale.generate", $"reused {Path.GetFileName(path)}");
        }

        var database = new SqliteDatabase(path);
        // The generator registered the shipment form; registering again would rebuild its index rows.
        var records = new SqliteRecordStore(database, TimeProvider.System);
        var organization = BenchOrganization.Create();
        var engine = new WorkflowEngine(
            database, new SqliteRuntimeStore(database), new InMemoryFlowDefinitionSource(),
            new ScriptHostFlowExpressions(new ScriptHost()), organization, records, TimeProvider.System);
        var reader = new RecordReader(records, records, records, new RecordAccess(
            new InMemoryPermissionRuleStore().Add(new PermissionRule
            {
                Role = "sales",
                Form = OrderDefinitions.ShipmentForm,
                Actions = [PermissionActions.Read],
                Rows = Condition.AllOf(new Rule { Field = "region", Operator = RuleOperators.Equal, ValueFrom = "user.region" }),
            }),
            organization, new InMemoryParticipationSource()));

        var random = new Random(20_250_305);
        var inbox = new Latency();
        var list = new Latency();
        var listWithoutTotal = new Latency();
        var listCappedTotal = new Latency();
        long inboxRows = 0;
        long listRows = 0;
        for (var i = 0; i < plan.ScaleQueries + 20; i++)
        {
            var approver = ScaleStore.Approver(random.Next(ScaleStore.Approvers));
            var timing = Latency.StartTiming();
            var tasks = await engine.QueryTasksAsync(new TaskQuery { Assignee = approver }, CancellationToken.None);
            if (i >= 20)
            {
                inbox.Record(timing.Elapsed);
                inboxRows += tasks.Count;
            }

            var user = BenchOrganization.Staff(random.Next(BenchOrganization.Departments), random.Next(BenchOrganization.StaffPerDepartment));
            timing = Latency.StartTiming();
            var page = await reader.ListAsync(user, new RecordQuery(OrderDefinitions.ShipmentForm), CancellationToken.None);
            if (i >= 20)
            {
                list.Record(timing.Elapsed);
                listRows += page.Items.Count;
            }

            timing = Latency.StartTiming();
            await reader.ListAsync(
                user, new RecordQuery(OrderDefinitions.ShipmentForm) { CountTotal = false }, CancellationToken.None);
            if (i >= 20)
            {
                listWithoutTotal.Record(timing.Elapsed);
            }

            timing = Latency.StartTiming();
            await reader.ListAsync(
                user, new RecordQuery(OrderDefinitions.ShipmentForm) { CountLimit = ListCountLimit }, CancellationToken.None);
            if (i >= 20)
            {
                listCappedTotal.Record(timing.Elapsed);
            }
        }

        SqliteConnection.ClearAllPools();
        report.Add("scale.inbox.p50", inbox.Percentile(50), "ms");
        report.Add("scale.inbox.p95", inbox.Percentile(95), "ms", Target.Maximum(20));
        report.Add("scale.inbox.rowsPerQuery", (double)inboxRows / plan.ScaleQueries, "tasks");
        report.Add("scale.recordList.p50", list.Percentile(50), "ms");
        report.Add("scale.recordList.p95", list.Percentile(95), "ms", Target.Maximum(20));
        report.Add("scale.recordList.rowsPerQuery", (double)listRows / plan.ScaleQueries, "records");
        report.Add("scale.recordListWithoutTotal.p50", listWithoutTotal.Percentile(50), "ms");
        report.Add("scale.recordListWithoutTotal.p95", listWithoutTotal.Percentile(95), "ms");
        report.Add("scale.recordListCappedTotal.p50", listCappedTotal.Percentile(50), "ms");
        report.Add("scale.recordListCappedTotal.p95", listCappedTotal.Percentile(95), "ms", Target.Maximum(20));
    }
}
