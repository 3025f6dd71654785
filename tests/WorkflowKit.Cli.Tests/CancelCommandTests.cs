using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Definitions;

namespace WorkflowKit.Cli.Tests;

/// <summary><c>workflowkit instance cancel</c> ends a running instance with a reason, as an administrator would.</summary>
public sealed partial class CancelCommandTests
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "credit", "name": "Credit",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "review", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "end", "type": "end" }
          ],
          "edges": [{ "id": "e1", "from": "start", "to": "review" }, { "id": "e2", "from": "review", "to": "end" }]
        }
        """;

    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    [SetUp]
    public async Task SetUpAsync()
    {
        _folder = TestPaths.NewTempFolder();
        var database = new SqliteDatabase(Db);
        await SqliteMigrator.MigrateAsync(database, default);
        var definitions = new SqliteDefinitionStore(database, new FakeTimeProvider());
        await definitions.SaveDraftAsync(DefinitionKinds.Flow, "credit", Flow, null, "admin", default);
        await definitions.PublishAsync(DefinitionKinds.Flow, "credit", "admin", default);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Cancel_ends_instance_with_reason()
    {
        var instance = await StartAsync();

        var cancelled = await CliRun.RunAsync(
            "instance", "cancel", instance, "--reason", "customer closed", "--as", "admin", "--db", Db);
        var again = await CliRun.RunAsync(
            "instance", "cancel", instance, "--reason", "twice", "--as", "admin", "--db", Db);
        var detail = await CliRun.RunAsync("instance", instance, "--db", Db);

        Assert.That(cancelled.ExitCode, Is.EqualTo(0), cancelled.Error);
        Assert.That(cancelled.Output, Does.StartWith($"Instance {instance}: cancelled by admin."));
        Assert.That(detail.Output, Does.Contain($"Instance {instance}  flow credit v1  cancelled"));
        Assert.That(detail.Output, Does.Contain("customer closed"));
        Assert.That(again.ExitCode, Is.Not.EqualTo(0));
    }

    [Test]
    public async Task Cancel_without_reason_is_usage_error()
    {
        var instance = await StartAsync();

        var run = await CliRun.RunAsync("instance", "cancel", instance, "--as", "admin", "--db", Db);
        var blank = await CliRun.RunAsync("instance", "cancel", instance, "--reason", " ", "--as", "admin", "--db", Db);
        var detail = await CliRun.RunAsync("instance", instance, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("--reason"));
        Assert.That(blank.ExitCode, Is.Not.EqualTo(0));
        Assert.That(blank.Error, Does.Contain("Give a reason to cancel instance"));
        Assert.That(detail.Output, Does.Contain($"Instance {instance}  flow credit v1  running"));
    }

    private async Task<string> StartAsync()
    {
        var run = await CliRun.RunAsync("run", "credit", "--as", "alice", "--db", Db);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        return InstanceLine().Match(run.Output).Groups[1].Value;
    }

    [GeneratedRegex(@"^Instance ([0-9a-f]{32}) ", RegexOptions.Multiline)]
    private static partial Regex InstanceLine();
}
