namespace WorkflowKit.Bench;

/// <summary>
/// Section "postgres": the same run on PostgreSQL when --postgres gives a connection string.
/// The PostgreSQL runtime store has landed but the record store that the flow's automatic step
/// writes through has not, so the section says so and measures nothing.
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

        // NOTE: run the flow, peer, scale, http and soak sections on PostgreSQL once a PostgreSQL record
        // store lands from the postgres branch (PostgresRuntimeStore is there already).
        report.Note("postgres",
            "skipped: PostgreSQL stores are not yet implemented for the benchmark: the runtime store exists, the " +
            "record store the flow's record step needs lands later from the postgres branch; nothing was sent to " +
            "the given server");
    }
}
