using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Bench.Engine;
using WorkflowKit.Expressions;
using WorkflowKit.Forms;
using WorkflowKit.Runtime.Records;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Bench.RecordChecks;

/// <summary>
/// Section "recordcheck": CPU time of the form check that a createRecord node runs on the record it writes
/// (<see cref="FormChecks.CheckRecordAsync"/>), in one thread, and of its parts: the form lookup in the record
/// store's registry, the user object that rules read as <c>user</c>, and the validator run alone. The record is
/// the benchmark flow's shipment. Each part runs in several rounds, so the spread between rounds shows the noise
/// of a shared machine.
/// </summary>
public static class RecordCheckSection
{
    private const string UserId = "sales-0-0";
    private const int Rounds = 5;

    public static async Task RunAsync(BenchOptions options, BenchPlan plan, BenchReport report)
    {
        var path = Path.Combine(options.WorkDirectory, $"recordcheck-{Guid.NewGuid():N}.db");
        var database = new SqliteDatabase(path, options.SqliteDatabase);
        await SqliteMigrator.MigrateAsync(database, CancellationToken.None);
        var records = new SqliteRecordStore(database, TimeProvider.System);
        await records.RegisterFormAsync(OrderDefinitions.Shipment(), CancellationToken.None);
        var organization = BenchOrganization.Create();
        var checks = new FormChecks(organization, records, reader: null, TimeProvider.System);
        var validators = new FormValidatorFactory(new FormValidationServices
        {
            Directory = organization, Records = records, Conditions = new ConditionEvaluator(checks.Scripts),
        });
        var form = (await records.FindFormAsync(OrderDefinitions.ShipmentForm, CancellationToken.None))!;
        var data = Shipment();
        var user = await checks.UserAsync(UserId, CancellationToken.None);
        var submission = new FormSubmission(data) { UserId = UserId, User = user };

        var parts = new (string Name, Func<Task> Work)[]
        {
            // The lookup is the record node's, made once per node and counted here with the check of one record.
            ("recordcheck.check", async () =>
            {
                var found = await records.FindFormAsync(OrderDefinitions.ShipmentForm, CancellationToken.None);
                var errors = await checks.CheckRecordAsync(
                    found!, data, null, null, UserId, null, CancellationToken.None);
                if (errors.Count > 0)
                {
                    throw new InvalidOperationException(
                        $"The shipment record should pass its form's rules; the check returned {errors[0].Path}: " +
                        errors[0].Message);
                }
            }),
            ("recordcheck.formLookup", () =>
                records.FindFormAsync(OrderDefinitions.ShipmentForm, CancellationToken.None)),
            ("recordcheck.user", () => checks.UserAsync(UserId, CancellationToken.None)),
            ("recordcheck.validate", () =>
                validators.Create(form, CultureInfo.InvariantCulture)
                    .ValidateAsync(submission, CancellationToken.None)),
        };

        // The JIT compiles hot methods again in the background, and the process's CPU time includes that work.
        // Every part therefore runs for a while before any is measured.
        foreach (var (_, work) in parts)
        {
            await RunAsync(work, plan.FormRun);
        }

        foreach (var (name, work) in parts)
        {
            await MeasureAsync(report, name, plan.FormRun, work);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> for <see cref="Rounds"/> rounds of <paramref name="duration"/> and reports the
    /// median round's CPU microseconds per call, with the lowest and the highest round.
    /// </summary>
    private static async Task MeasureAsync(BenchReport report, string name, TimeSpan duration, Func<Task> work)
    {
        var perCall = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var timer = CpuTimer.Start();
            var count = await RunAsync(work, duration);
            perCall.Add(timer.Cpu.TotalMicroseconds / count);
        }

        perCall.Sort();
        report.Add(name + ".cpuPerCall", perCall[Rounds / 2], "µs");
        report.Add(name + ".cpuPerCallMin", perCall[0], "µs");
        report.Add(name + ".cpuPerCallMax", perCall[^1], "µs");
    }

    /// <summary>
    /// Calls <paramref name="work"/> until <paramref name="duration"/> has passed and 100 calls are done.
    /// </summary>
    private static async Task<int> RunAsync(Func<Task> work, TimeSpan duration)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var count = 0;
        while (wall.Elapsed < duration || count < 100)
        {
            await work();
            count++;
        }

        return count;
    }

    private static JsonObject Shipment() => new()
    {
        ["customer"] = "协和医院",
        ["region"] = OrderDefinitions.Regions[0],
        ["total"] = JsonValue.Create(1234.50m),
        ["lines"] = new JsonArray(
            new JsonObject { ["product"] = "IVD-A", ["quantity"] = 10, ["unitPrice"] = JsonValue.Create(99.50m) },
            new JsonObject { ["product"] = "IVD-B", ["quantity"] = 2, ["unitPrice"] = JsonValue.Create(120.00m) },
            new JsonObject { ["product"] = "IVD-C", ["quantity"] = 1, ["unitPrice"] = JsonValue.Create(19.50m) }),
    };
}
