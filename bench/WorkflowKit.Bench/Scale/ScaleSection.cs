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
/// newest first, pages of 50 restricted to the user's region by a data permission rule) on the
/// large store: the first page with a capped total as the designer's list requests it, the next
/// pages by keyset, a page without a total, a deep page by offset and a page with the exact total.
/// Each query reports p50, p95 and the process's CPU time per query, and the note
/// <c>scale.recordListCappedTotal.plan</c> holds SQLite's plans of the first page's statements.
/// </summary>
public static class ScaleSection
{
    /// <summary>The count limit of the capped list, as a list page would show "1,000+".</summary>
    private const int ListCountLimit = 1_000;

    /// <summary>Untimed runs of each query before its timed ones, to load the pages it reads into memory.</summary>
    private const int WarmUpQueries = 20;

    /// <summary>Pages read by keyset after the first in each run of the next-pages query.</summary>
    private const int NextPages = 4;

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
        string NextUser() => BenchOrganization.Staff(
            random.Next(BenchOrganization.Departments), random.Next(BenchOrganization.StaffPerDepartment));
        var shipments = new RecordQuery(OrderDefinitions.ShipmentForm);
        long inboxRows = 0;
        long listRows = 0;

        await MeasureAsync(report, "scale.inbox", plan.ScaleQueries, async () =>
        {
            var approver = ScaleStore.Approver(random.Next(ScaleStore.Approvers));
            var tasks = await engine.QueryTasksAsync(new TaskQuery { Assignee = approver }, CancellationToken.None);
            inboxRows += tasks.Count;
        }, Target.Maximum(20));
        report.Add("scale.inbox.rowsPerQuery", (double)inboxRows / (plan.ScaleQueries + WarmUpQueries), "tasks");

        // The designer's record list: the first page with the total capped 1,000 records past it ("1,000+").
        await MeasureAsync(report, "scale.recordListCappedTotal", plan.ScaleQueries, async () =>
        {
            var page = await reader.ListAsync(
                NextUser(), shipments with { CountLimit = ListCountLimit }, CancellationToken.None);
            listRows += page.Items.Count;
        }, Target.Maximum(20));
        report.Add("scale.recordList.rowsPerQuery", (double)listRows / (plan.ScaleQueries + WarmUpQueries), "records");

        // Pages 2 to 5 by keyset (AfterId), each with the capped total, timed from the second page on.
        await MeasureAsync(report, "scale.recordListNextPages", plan.ScaleQueries / NextPages, async latency =>
        {
            var user = NextUser();
            var page = await reader.ListAsync(
                user, shipments with { CountLimit = ListCountLimit }, CancellationToken.None);
            for (var next = 0; next < NextPages && page.Items.Count > 0; next++)
            {
                var timing = Latency.StartTiming();
                page = await reader.ListAsync(
                    user, shipments with { CountLimit = ListCountLimit, AfterId = page.Items[^1].Id },
                    CancellationToken.None);
                latency?.Record(timing.Elapsed);
            }
        }, Target.Maximum(20));

        await MeasureAsync(report, "scale.recordListWithoutTotal", plan.ScaleQueries, () =>
            reader.ListAsync(NextUser(), shipments with { CountTotal = false }, CancellationToken.None));

        // Page 101 by offset, as the designer's pager requests it, with the capped total.
        await MeasureAsync(report, "scale.recordListOffset5000", plan.ScaleQueries / 4, () =>
            reader.ListAsync(
                NextUser(), shipments with { CountLimit = ListCountLimit, Offset = 5_000 }, CancellationToken.None));

        // A search of the record list and the lookup picker: "contains" ignores case, so "hospital 12" finds
        // "Hospital 12" and "Hospital 120" to "Hospital 129", 11 of the 500 customers. No index serves it, so the
        // query reads the user's region newest first until the page and the capped total are full.
        await MeasureAsync(report, "scale.recordSearch", plan.ScaleQueries / 4, () =>
            reader.ListAsync(
                NextUser(),
                shipments with
                {
                    Filter = Condition.AllOf(new Rule
                    {
                        Field = "customer", Operator = RuleOperators.Contains,
                        Value = "hospital " + random.Next(10, 50).ToString(CultureInfo.InvariantCulture),
                    }),
                    CountLimit = ListCountLimit,
                },
                CancellationToken.None));

        // The exact total counts every record of the user's region: 225,000 in the full store. The REST API returns
        // it; the designer's list does not ask for it.
        await MeasureAsync(report, "scale.recordList", plan.ScaleQueries / 10, () =>
            reader.ListAsync(NextUser(), shipments, CancellationToken.None));

        var plans = await QueryPlanCapture.CaptureAsync(database, () =>
            reader.ListAsync(NextUser(), shipments with { CountLimit = ListCountLimit }, CancellationToken.None));
        report.Note("scale.recordListCappedTotal.plan", plans.Count == 0 ? "not captured" : string.Join(" | ", plans));
        SqliteConnection.ClearAllPools();
    }

    private static Task MeasureAsync(
        BenchReport report, string name, int queries, Func<Task> query, Target? target = null) =>
        MeasureAsync(report, name, queries, async latency =>
        {
            var timing = Latency.StartTiming();
            await query();
            latency?.Record(timing.Elapsed);
        }, target);

    /// <summary>
    /// Runs <paramref name="body"/> untimed <see cref="WarmUpQueries"/> times, then <paramref name="queries"/> times,
    /// and reports the p50 and p95 of the latencies it records and the process's CPU time per recorded query.
    /// </summary>
    private static async Task MeasureAsync(
        BenchReport report, string name, int queries, Func<Latency?, Task> body, Target? target = null)
    {
        for (var i = 0; i < WarmUpQueries; i++)
        {
            await body(null);
        }

        var latency = new Latency();
        var cpu = CpuTimer.Start();
        for (var i = 0; i < queries; i++)
        {
            await body(latency);
        }

        report.Add(name + ".p50", latency.Percentile(50), "ms");
        report.Add(name + ".p95", latency.Percentile(95), "ms", target);
        report.Add(name + ".cpuMsPerQuery", cpu.Cpu.TotalMilliseconds / Math.Max(latency.Count, 1), "ms");
    }
}
