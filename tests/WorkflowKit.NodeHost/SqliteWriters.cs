using System.Globalization;
using Dapper;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.NodeHost;

/// <summary>
/// Crash-test mode: <c>sqlite-writers --path FILE [--writers N] [--group-age-ms N]</c>. Concurrent writers insert
/// rows through <see cref="SqliteDatabase"/> write transactions, so their commits are grouped, and
/// print <c>COMMITTED id</c> only after a commit returned and <c>ROLLEDBACK id</c> after a
/// transaction was disposed without commit. A test kills the process at some point and then checks
/// the file against what was printed. Runs until killed.
/// </summary>
internal static class SqliteWriters
{
    private static readonly Lock Output = new();

    public static async Task RunAsync(string[] args)
    {
        var path = Option(args, "--path") ?? throw new ArgumentException("--path is required.", nameof(args));
        var writers = int.Parse(Option(args, "--writers") ?? "8", NumberStyles.None, CultureInfo.InvariantCulture);
        var groupAge = int.Parse(Option(args, "--group-age-ms") ?? "5", NumberStyles.None, CultureInfo.InvariantCulture);
        var database = new SqliteDatabase(path, new SqliteDatabaseOptions
        {
            GroupCommit = SqliteGroupCommitOptions.Default with { MaxAge = TimeSpan.FromMilliseconds(groupAge) },
        });
        await using (var schema = await database.BeginTransactionAsync(CancellationToken.None))
        {
            await schema.Connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS crash_items (id TEXT PRIMARY KEY, payload TEXT NOT NULL)",
                transaction: schema.Transaction);
            await schema.CommitAsync(CancellationToken.None);
        }

        Print("READY");
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(() => WriteAsync(database, writer))));
    }

    private static async Task WriteAsync(SqliteDatabase database, int writer)
    {
        for (var sequence = 0; ; sequence++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{writer}-{sequence}");
            await using var transaction = await database.BeginTransactionAsync(CancellationToken.None);
            await transaction.Connection.ExecuteAsync(
                "INSERT INTO crash_items (id, payload) VALUES (@id, @payload)",
                new { id, payload = new string('x', 200) },
                transaction: transaction.Transaction);
            if (sequence % 7 == 6)
            {
                await transaction.DisposeAsync();
                Print("ROLLEDBACK " + id);
                continue;
            }

            await transaction.CommitAsync(CancellationToken.None);
            Print("COMMITTED " + id);
        }
    }

    private static void Print(string line)
    {
        lock (Output)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
