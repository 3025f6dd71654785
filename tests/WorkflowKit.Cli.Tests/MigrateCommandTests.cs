using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Organization;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Definitions;
using WorkflowKit.Storage.Sqlite.Organization;

namespace WorkflowKit.Cli.Tests;

/// <summary><c>workflowkit instance migrate</c> on a SQLite file with two published versions of a flow.</summary>
public sealed partial class MigrateCommandTests
{
    private const string Version1 = """
        {
          "formatVersion": 1, "kind": "flow", "key": "credit", "name": "Credit",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "review", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "audit", "type": "approval", "assignees": [{ "type": "user", "value": "carol" }] },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "review" }, { "id": "e2", "from": "review", "to": "audit" },
            { "id": "e3", "from": "audit", "to": "end" }
          ]
        }
        """;

    private const string Version2 = """
        {
          "formatVersion": 1, "kind": "flow", "key": "credit", "name": "Credit",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "credit-check", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "second", "type": "approval", "assignees": [{ "type": "user", "value": "dave" }] },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "credit-check" }, { "id": "e2", "from": "credit-check", "to": "second" },
            { "id": "e3", "from": "second", "to": "end" }
          ]
        }
        """;

    private const string Parallel = """
        {
          "formatVersion": 1, "kind": "flow", "key": "credit", "name": "Credit",
          "nodes": [
            { "id": "start", "type": "start" }, { "id": "split", "type": "parallelSplit" },
            { "id": "review", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "audit", "type": "approval", "assignees": [{ "type": "user", "value": "carol" }] },
            FINANCE{ "id": "join", "type": "parallelJoin" }, { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "split" }, { "id": "e-review", "from": "split", "to": "review" },
            { "id": "e-audit", "from": "split", "to": "audit" },
            { "id": "e-review-join", "from": "review", "to": "join" },
            EDGES{ "id": "e-join", "from": "join", "to": "end" }
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
        await PublishAsync(Version1);
        var organization = new SqliteOrganizationStore(database);
        foreach (var user in new[] { "alice", "bob", "carol", "dave" })
        {
            await organization.SaveUserAsync(new OrgUser(user, user, null, [], new Dictionary<string, string>()), default);
        }
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task DryRun_PrintsPlan_WritesNothing()
    {
        var instance = await StartAsync();
        await PublishAsync(Version2);

        var run = await CliRun.RunAsync(
            "instance", "migrate", instance, "--to-version", "2", "--map", "review=credit-check", "--dry-run", "--db", Db);
        var detail = await CliRun.RunAsync("instance", instance, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines[0], Is.EqualTo($"Instance {instance}  flow credit v1 -> v2"));
        Assert.That(run.OutputLines, Has.Some.Match(@"^token [0-9a-f]{32} review -> credit-check \(approval, task\)$"));
        Assert.That(run.OutputLines, Has.Some.Match(@"^task  [0-9a-f]{32} review -> credit-check \(approval, bob\)$"));
        Assert.That(run.OutputLines[^2], Is.EqualTo("mapping: review=credit-check"));
        Assert.That(run.OutputLines[^1], Is.EqualTo("Dry run: nothing was written."));
        Assert.That(detail.OutputLines[0], Does.Contain("flow credit v1"));
    }

    [Test]
    public async Task MissingVersion_NamesPublishedRange()
    {
        var instance = await StartAsync();
        await PublishAsync(Version2);

        var run = await CliRun.RunAsync("instance", "migrate", instance, "--to-version", "9", "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain(
            "Flow 'credit' has no published version 9; its published versions are 1 to 2."));
        Assert.That(run.Error, Does.Not.Contain("workflowkit history"));
    }

    [Test]
    public async Task MissingNode_Blocked_ExitsOne()
    {
        var instance = await StartAsync();
        await PublishAsync(Version2);

        var run = await CliRun.RunAsync("instance", "migrate", instance, "--to-version", "2", "--db", Db);
        var detail = await CliRun.RunAsync("instance", instance, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Split('\n').Select(line => line.TrimEnd()), Is.EqualTo(new[]
        {
            $"Migration of instance {instance} is blocked by 1 problem(s):",
            $"  nodeMissing @review: Node 'review' has a live token or open task of instance {instance}, but " +
            "version 2 has no node 'review'; map it to a node of that version (review=NEW_ID).",
            string.Empty,
        }));
        Assert.That(run.OutputLines, Has.Some.Match(@"review -> \(missing\)"));
        Assert.That(detail.OutputLines[0], Does.Contain("flow credit v1"));
    }

    [Test]
    public async Task Mapping_Migrates_ThenNewNodeRuns()
    {
        var instance = await StartAsync();
        await PublishAsync(Version2);

        var run = await CliRun.RunAsync(
            "instance", "migrate", instance, "--to-version", "2", "--map", "review=credit-check", "--as", "admin",
            "--db", Db);
        var detail = await CliRun.RunAsync("instance", instance, "--db", Db);
        var task = TaskAt(detail, "credit-check");
        var approved = await CliRun.RunAsync("complete", task, "--action", "approve", "--as", "bob", "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines[^1], Is.EqualTo($"Migrated instance {instance} from version 1 to 2."));
        Assert.That(detail.OutputLines[0], Does.Contain("flow credit v2  running"));
        Assert.That(detail.OutputLines, Has.Some.Match("instance.migrated \"Migrated from version 1 to 2 by admin.\"$"));
        Assert.That(approved.ExitCode, Is.EqualTo(0), approved.Error);
        Assert.That(approved.OutputLines, Has.Some.Match(@"^task [0-9a-f]{32} second dave open$"));
    }

    [Test]
    public async Task WaitingJoin_StepAddedBeforeJoin_Migrates()
    {
        await PublishAsync(Parallel.Replace("FINANCE", "").Replace(
            "EDGES", """{ "id": "e-audit-join", "from": "audit", "to": "join" }, """));
        var instance = await StartAsync();
        await ApproveAsync(instance, "review", "bob");
        await PublishAsync(Parallel.Replace(
                "FINANCE", """{ "id": "finance", "type": "approval", "assignees": [{ "type": "user", "value": "dave" }] }, """)
            .Replace("EDGES", """
                { "id": "e-audit-finance", "from": "audit", "to": "finance" },
                { "id": "e-audit-join", "from": "finance", "to": "join" },
                """));

        var plan = await CliRun.RunAsync("instance", "migrate", instance, "--to-version", "3", "--dry-run", "--db", Db);
        var run = await CliRun.RunAsync("instance", "migrate", instance, "--to-version", "3", "--db", Db);
        await ApproveAsync(instance, "audit", "carol");
        await ApproveAsync(instance, "finance", "dave");

        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.Error);
        Assert.That(plan.OutputLines, Has.Some.Match(
            @"^token [0-9a-f]{32} join -> join \(parallelJoin, join\) edge e-review-join -> e-review-join$"));
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var detail = await CliRun.RunAsync("instance", instance, "--db", Db);
        Assert.That(detail.OutputLines[0], Does.Contain("flow credit v3  completed"));
    }

    [Test]
    public async Task AllOf_MigratesRunning_ReportsBlocked()
    {
        var atReview = await StartAsync();
        var atAudit = await StartAsync();
        var ended = await StartAsync();
        await ApproveAsync(atAudit, "review", "bob");
        await ApproveAsync(ended, "review", "bob");
        await ApproveAsync(ended, "audit", "carol");
        await PublishAsync(Version2);

        var run = await CliRun.RunAsync(
            "instance", "migrate", "--all-of", "credit:1", "--to-version", "2", "--map", "review=credit-check",
            "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.OutputLines.Order(), Is.EqualTo(new[]
        {
            "Migrated 1, blocked 1 of 2 running instance(s) of credit version 1.",
            $"blocked {atAudit}",
            $"migrated {atReview}",
        }.Order()));
        Assert.That(run.Error, Does.Contain($"{atAudit}: nodeMissing @audit: Node 'audit'"));
        Assert.That((await CliRun.RunAsync("instance", atReview, "--db", Db)).OutputLines[0], Does.Contain("v2"));
        Assert.That((await CliRun.RunAsync("instance", atAudit, "--db", Db)).OutputLines[0], Does.Contain("v1"));
    }

    [Test]
    public async Task AllOf_DryRun_WritesNothing()
    {
        var instance = await StartAsync();
        await PublishAsync(Version2);

        var run = await CliRun.RunAsync(
            "instance", "migrate", "--all-of", "credit:1", "--to-version", "2", "--map", "review=credit-check",
            "--dry-run", "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines, Is.EqualTo(new[]
        {
            $"ready {instance}",
            "Ready to migrate 1, blocked 0 of 1 running instance(s) of credit version 1 (dry run: nothing was written).",
        }));
        Assert.That((await CliRun.RunAsync("instance", instance, "--db", Db)).OutputLines[0], Does.Contain("v1"));
    }

    [TestCase("--map", "review", "--map \"review\" is not OLD=NEW")]
    [TestCase("--all-of", "credit", "--all-of \"credit\" is not FLOW:VERSION")]
    public async Task BadOption_ExitsTwo(string option, string value, string expected)
    {
        var instance = await StartAsync();
        string[] target = option == "--all-of" ? ["--all-of", value] : [instance, option, value];

        var run = await CliRun.RunAsync(["instance", "migrate", .. target, "--to-version", "2", "--db", Db]);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain(expected));
    }

    [Test]
    public async Task InstanceAndAllOf_ExitsTwo()
    {
        var instance = await StartAsync();

        var run = await CliRun.RunAsync(
            "instance", "migrate", instance, "--all-of", "credit:1", "--to-version", "2", "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain(
            "error: instance migrate takes either an INSTANCE id or --all-of FLOW:VERSION, not both and not neither."));
    }

    private async Task PublishAsync(string flow)
    {
        var definitions = new SqliteDefinitionStore(new SqliteDatabase(Db), new FakeTimeProvider());
        var draft = await definitions.GetDraftAsync(DefinitionKinds.Flow, "credit", default);
        await definitions.SaveDraftAsync(DefinitionKinds.Flow, "credit", flow, draft?.Revision, "admin", default);
        await definitions.PublishAsync(DefinitionKinds.Flow, "credit", "admin", default);
    }

    private async Task<string> StartAsync()
    {
        var run = await CliRun.RunAsync("run", "credit", "--as", "alice", "--db", Db);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        return InstanceLine().Match(run.Output).Groups[1].Value;
    }

    private async Task ApproveAsync(string instance, string node, string user)
    {
        var detail = await CliRun.RunAsync("instance", instance, "--db", Db);
        var run = await CliRun.RunAsync("complete", TaskAt(detail, node), "--action", "approve", "--as", user, "--db", Db);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
    }

    private static string TaskAt(CliRun detail, string node) =>
        detail.OutputLines.Select(line => Regex.Match(line, $@"^task ([0-9a-f]{{32}}) {Regex.Escape(node)} \S+ open$"))
            .First(match => match.Success).Groups[1].Value;

    [GeneratedRegex(@"^Instance ([0-9a-f]{32}) ", RegexOptions.Multiline)]
    private static partial Regex InstanceLine();
}
