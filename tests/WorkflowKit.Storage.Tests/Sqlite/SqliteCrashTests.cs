using System.Diagnostics;
using Dapper;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Tests.Nodes;
using WorkflowKit.Storage.Tests.Support;

namespace WorkflowKit.Storage.Tests.Sqlite;

/// <summary>
/// A process killed while eight writers commit in groups: every transaction whose commit returned
/// is in the file afterwards, no rolled-back one is, and the file passes SQLite's integrity check.
/// The writers run in tests/WorkflowKit.NodeHost (mode <c>sqlite-writers</c>) with groups that take
/// members for up to 30 ms, so that a kill often lands while a group is open. Three runs append to
/// the same file, each ended by a kill.
/// </summary>
public sealed class SqliteCrashTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private TempSqliteFile _file = null!;

    [SetUp]
    public void ChoosePath() => _file = new TempSqliteFile("wk-crash");

    [TearDown]
    public void DeleteFiles() => _file.Delete();

    [Test]
    public async Task Killed_writers_keep_every_returned_commit()
    {
        var printed = new List<string>();
        for (var run = 0; run < 3; run++)
        {
            printed.AddRange(await RunAndKillAsync(minimumCommits: 400));
        }

        var committed = printed.Where(line => line.StartsWith("COMMITTED ", StringComparison.Ordinal))
            .Select(line => line["COMMITTED ".Length..]).ToList();
        var rolledBack = printed.Where(line => line.StartsWith("ROLLEDBACK ", StringComparison.Ordinal))
            .Select(line => line["ROLLEDBACK ".Length..]).ToList();

        var database = new SqliteDatabase(_file.Path);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        var stored = (await connection.QueryAsync<string>("SELECT id FROM crash_items")).ToHashSet(StringComparer.Ordinal);
        var integrity = await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check");

        Assert.That(committed, Has.Count.GreaterThanOrEqualTo(3 * 400));
        Assert.That(rolledBack, Is.Not.Empty);
        Assert.That(committed.Where(id => !stored.Contains(id)), Is.Empty, "commits that returned but are missing");
        Assert.That(rolledBack.Where(stored.Contains), Is.Empty, "rolled-back rows that were kept");
        Assert.That(integrity, Is.EqualTo("ok"));
    }

    /// <summary>
    /// Starts the writers, kills the process once <paramref name="minimumCommits"/> commits were
    /// printed, and returns every line printed before the kill.
    /// </summary>
    private async Task<List<string>> RunAndKillAsync(int minimumCommits)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
            [NodeProcess.HostAssembly(), "sqlite-writers", "--path", _file.Path, "--writers", "8", "--group-age-ms", "30"];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the writers.");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, line) => { lock (errors) { errors.AppendLine(line.Data); } };
        process.BeginErrorReadLine();

        var lines = new List<string>();
        var commits = 0;
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            while (commits < minimumCommits)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    Assert.Fail($"The writers exited before {minimumCommits} commits: {errors}");
                }

                lines.Add(line!);
                commits += line!.StartsWith("COMMITTED ", StringComparison.Ordinal) ? 1 : 0;
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        // Lines printed before the kill are still in the pipe; each reports a commit that had returned.
        while (await process.StandardOutput.ReadLineAsync() is { } rest)
        {
            lines.Add(rest);
        }

        return lines;
    }
}
