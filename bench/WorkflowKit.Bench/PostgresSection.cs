namespace WorkflowKit.Bench;

/// <summary>
/// Section "postgres": the same run on PostgreSQL when --postgres gives a connection string. The
/// bench builds its engine on SQLite only, so the section reports that and measures nothing.
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

        // NOTE: the PostgreSQL runtime and record stores exist; what is missing is a BenchEngine built on
        // PostgresDatabase with a fresh schema per run, so that flow, peer, scale, http and soak run on it.
        report.Note("postgres",
            "skipped: the benchmark builds its engine on SQLite only; a PostgreSQL bench engine is not written " +
            "yet, so nothing was sent to the given server");
    }
}
