namespace WorkflowKit.Bench;

/// <summary>
/// Section "postgres": the same run on PostgreSQL when --postgres gives a connection string.
/// The PostgreSQL runtime and record stores are not on this branch yet, so the section says so
/// and measures nothing.
/// </summary>
public static class PostgresSection
{
    public static void Run(BenchOptions options, BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        if (options.PostgresConnectionString is null)
        {
            report.Note("postgres", "skipped: no --postgres connection string given");
            return;
        }

        // NOTE: run the flow, peer, scale, http and soak sections on PostgreSQL once the PostgreSQL
        // runtime and record stores land from the postgres branch.
        report.Note("postgres",
            "skipped: the PostgreSQL runtime and record stores are not yet implemented for the benchmark " +
            "(they land later from the postgres branch); nothing was sent to the given server");
    }
}
