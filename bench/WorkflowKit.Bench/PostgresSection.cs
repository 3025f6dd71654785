using WorkflowKit.Bench.Peer;
using WorkflowKit.Bench.Throughput;

namespace WorkflowKit.Bench;

/// <summary>
/// Section "postgres": the flow section and WorkflowKit's side of the peer section on PostgreSQL
/// when --postgres gives a connection string, each engine in a schema of its own that is dropped
/// afterwards. Figures are named <c>flow.postgres.*</c> and <c>peer.workflowKit.postgres.*</c>.
/// </summary>
public static class PostgresSection
{
    public static async Task RunAsync(BenchOptions options, BenchPlan plan, BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        if (options.PostgresConnectionString is not { } postgres)
        {
            report.Note("postgres", "skipped: no --postgres connection string given");
            return;
        }

        await FlowSection.RunAsync(options, plan, report, postgres);
        await PeerSection.RunWorkflowKitAsync(options, plan, report, postgres);

        // NOTE: the scale store generator writes SQLite files, so the scale section has no PostgreSQL run.
        // The HTTP and soak sections have none either.
        report.Note("postgres.scale", "not run on PostgreSQL: the scale store generator writes SQLite only");
    }
}
