using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Definitions;

namespace WorkflowKit.Cli.Tests;

/// <summary><c>workflowkit complete</c> accepts every task action name of the engine, addSignerBefore too.</summary>
public sealed partial class TaskActionCommandTests
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

    private const string Users = """
        {
          "departments": [{ "id": "credit", "name": "信用管理部" }],
          "users": [
            { "id": "alice", "displayName": "Alice", "department": "credit" },
            { "id": "bob", "displayName": "Bob", "department": "credit" },
            { "id": "carol", "displayName": "Carol", "department": "credit" }
          ]
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
        var users = Path.Combine(_folder, "users.json");
        await File.WriteAllTextAsync(users, Users);
        var imported = await CliRun.RunAsync("org", "import", users, "--db", Db);
        Assert.That(imported.ExitCode, Is.EqualTo(0), imported.Error);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Add_signer_before_by_name()
    {
        var instance = await StartAsync();
        var detail = await CliRun.RunAsync("instance", instance, "--db", Db);

        var run = await CliRun.RunAsync(
            "complete", TaskAt(detail, "bob"), "--action", "addSignerBefore", "--to", "carol", "--as", "bob",
            "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var after = await CliRun.RunAsync("instance", instance, "--db", Db);
        Assert.That(TaskAt(after, "carol"), Is.Not.Empty, after.Output);
    }

    [Test]
    public async Task Return_to_initiator_then_resubmit()
    {
        var instance = await StartAsync();
        var detail = await CliRun.RunAsync("instance", instance, "--db", Db);

        var returned = await CliRun.RunAsync(
            "complete", TaskAt(detail, "bob"), "--action", "return", "--node", ":initiator", "--comment", "wrong limit",
            "--as", "bob", "--db", Db);
        var waiting = await CliRun.RunAsync("instance", instance, "--db", Db);
        var resubmitted = await CliRun.RunAsync(
            "complete", TaskAt(waiting, "alice", "start"), "--action", "resubmit", "--as", "alice", "--db", Db);
        var after = await CliRun.RunAsync("instance", instance, "--db", Db);

        Assert.That(returned.ExitCode, Is.EqualTo(0), returned.Error);
        Assert.That(resubmitted.ExitCode, Is.EqualTo(0), resubmitted.Error);
        Assert.That(TaskAt(waiting, "alice", "start"), Is.Not.Empty, waiting.Output);
        Assert.That(TaskAt(after, "bob"), Is.Not.Empty, after.Output);
        Assert.That(TaskAt(after, "bob"), Is.Not.EqualTo(TaskAt(detail, "bob")));
    }

    [Test]
    public async Task Unknown_action_lists_every_name()
    {
        var run = await CliRun.RunAsync(
            "complete", "any-task", "--action", "sign", "--as", "bob", "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("sign"));
        foreach (var name in Runtime.Tasks.TaskActions.Names)
        {
            Assert.That(run.Error, Does.Contain(name), name);
        }
    }

    private async Task<string> StartAsync()
    {
        var run = await CliRun.RunAsync("run", "credit", "--as", "alice", "--db", Db);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        return InstanceLine().Match(run.Output).Groups[1].Value;
    }

    private static string TaskAt(CliRun detail, string assignee, string node = "review") =>
        detail.OutputLines.Select(line => Regex.Match(line, $@"^task ([0-9a-f]{{32}}) {node} {assignee} open$"))
            .FirstOrDefault(match => match.Success)?.Groups[1].Value ?? string.Empty;

    [GeneratedRegex(@"^Instance ([0-9a-f]{32}) ", RegexOptions.Multiline)]
    private static partial Regex InstanceLine();
}
