using System.CommandLine;
using System.Globalization;
using WorkflowKit.Storage.Relational.Files;

namespace WorkflowKit.Cli.Commands;

/// <summary>
/// The <c>files</c> commands: <c>check</c> compares the file references in records, audit snapshots and instances
/// with the uploaded files (<see cref="FileCheck"/>) and changes no data.
/// </summary>
public static class FileCommands
{
    /// <summary>The default of <c>--grace-hours</c>, the designer's <c>WorkflowKit:UnlinkedFileLifetime</c> of a day.</summary>
    public const int DefaultGraceHours = 24;

    public static void AddTo(RootCommand root, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(context);
        var files = new Command("files", "Check uploaded files against the data that names them.");
        files.Subcommands.Add(Check(context));
        root.Subcommands.Add(files);
    }

    private static Command Check(CliContext context)
    {
        var db = new Option<string>("--db")
        {
            Description = "SQLite database file or PostgreSQL connection string; migrated.",
            Required = true,
        };
        var grace = new Option<int>("--grace-hours")
        {
            Description = "Hours an unlinked upload is kept before the sweep deletes it; set it to the designer's " +
                          $"WorkflowKit:UnlinkedFileLifetime. Default {DefaultGraceHours}.",
            DefaultValueFactory = _ => DefaultGraceHours,
        };
        var command = new Command(
            "check",
            "List file references in records, audit snapshots and flow instances whose file is missing, and " +
            "unlinked uploads older than the grace period, with counts, and rows whose JSON cannot be read, which " +
            "stop the file sweep. Exit code 0 when no referenced file is missing and every row can be read, 1 " +
            "otherwise, 2 on usage errors.")
        {
            db, grace,
        };
        command.SetAction((parsed, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var hours = parsed.GetValue(grace);
            if (hours < 0)
            {
                throw new UsageException($"--grace-hours {hours} is negative. Give 0 or more hours, such as 24.");
            }

            await using var stores = await DatabaseFactory.OpenStoresAsync(
                parsed.GetValue(db)!, context.TimeProvider, cancellationToken).ConfigureAwait(false);
            var before = context.TimeProvider.GetUtcNow() - TimeSpan.FromHours(hours);
            var report = await FileCheck.RunAsync(stores.Database, before, cancellationToken).ConfigureAwait(false);
            await PrintAsync(context.Output, report, before).ConfigureAwait(false);
            return report.Missing.Count == 0 && report.Unreadable.Count == 0 ? ExitCodes.Success : ExitCodes.Problems;
        }));
        return command;
    }

    private static async Task PrintAsync(TextWriter output, FileCheckReport report, DateTimeOffset before)
    {
        var files = report.Missing.Select(item => item.FileId).Distinct(StringComparer.Ordinal).Count();
        await output.WriteLineAsync(Invariant(
            $"Missing files: {files} file(s) named by data but not stored, in {report.Missing.Count} place(s).")
        ).ConfigureAwait(false);
        foreach (var item in report.Missing)
        {
            await output.WriteLineAsync($"  {item.FileId}  {item.Holder} ({item.Where})").ConfigureAwait(false);
        }

        if (report.Unreadable.Count > 0)
        {
            await output.WriteLineAsync(Invariant(
                $"Unreadable rows: {report.Unreadable.Count} row(s) whose JSON is not valid. The file sweep deletes ") +
                "nothing until each is repaired or cleared, because it cannot tell which files they name.")
                .ConfigureAwait(false);
            foreach (var row in report.Unreadable)
            {
                await output.WriteLineAsync($"  {row.Table}  row {row.RowId}  column {row.Column} ({row.Where})")
                    .ConfigureAwait(false);
            }
        }

        var named = report.Unlinked.Count(file => file.NamedByData);
        var cutoff = Time(before);
        var unnamed = report.Unlinked.Count - named;
        await output.WriteLineAsync(
            Invariant($"Unlinked files uploaded before {cutoff}: {report.Unlinked.Count}, of which ") +
            Invariant($"{named} named by data (the next sweep links them) and {unnamed} named by nothing ") +
            "(the next sweep deletes them).").ConfigureAwait(false);
        foreach (var file in report.Unlinked)
        {
            var fate = file.NamedByData ? "named by data" : "named by nothing";
            await output.WriteLineAsync(Invariant(
                $"  {file.Id}  {file.Name}  {file.Size} bytes  uploaded {Time(file.UploadedAt)}  {fate}"))
                .ConfigureAwait(false);
        }

        await output.WriteLineAsync(report.BackfillFinished
            ? "Link backfill: finished."
            : "Link backfill: not finished; the designer's file sweep finishes it before it deletes anything.")
            .ConfigureAwait(false);
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
