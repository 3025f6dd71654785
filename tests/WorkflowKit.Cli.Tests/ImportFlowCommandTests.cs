using Dapper;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Organization;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Definitions;
using WorkflowKit.Storage.Sqlite.Organization;

namespace WorkflowKit.Cli.Tests;

/// <summary>
/// <c>records import</c> starts a flow per row when the form's flow has an import trigger, and
/// <c>records export</c> gives a participant rule the records of the flows a user takes part in.
/// </summary>
public sealed class ImportFlowCommandTests
{
    private const string IntakeFlow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "customer-intake", "name": "Customer intake",
          "form": "customer", "triggers": [{ "type": "import" }],
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "check", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "end", "type": "end" }
          ],
          "edges": [ { "id": "e1", "from": "start", "to": "check" }, { "id": "e2", "from": "check", "to": "end" } ]
        }
        """;

    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    [SetUp]
    public async Task SetUpAsync()
    {
        _folder = TestPaths.NewTempFolder();
        var imported = await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        Assert.That(imported.ExitCode, Is.EqualTo(0), imported.Error);

        var database = new SqliteDatabase(Db);
        var definitions = new SqliteDefinitionStore(database, new FakeTimeProvider());
        await definitions.SaveDraftAsync(DefinitionKinds.Flow, "customer-intake", IntakeFlow, null, "admin", default);
        await definitions.PublishAsync(DefinitionKinds.Flow, "customer-intake", "admin", default);
        var organization = new SqliteOrganizationStore(database);
        foreach (var user in new[] { "bob", "henry" })
        {
            await organization.SaveUserAsync(
                new OrgUser(user, user, null, ["sales"], new Dictionary<string, string>()), default);
        }

        await new SqlitePermissionRuleStore(database).SaveRulesAsync("customer",
        [
            new PermissionRule { Role = "sales", Form = "customer", Actions = ["read", "export"], Participant = true },
        ], default);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Import_starts_flow_per_row()
    {
        var file = await WriteCsvAsync("C101,Alpha,east,10", "C102,Beta,north,20", "C103,Gamma,south,30");

        var run = await CliRun.RunAsync("records", "import", "customer", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(await CountAsync("SELECT COUNT(*) FROM wk_instances WHERE flow_key = 'customer-intake' " +
            "AND trigger_kind = 'import'"), Is.EqualTo(3));
        Assert.That(await CountAsync("SELECT COUNT(*) FROM wk_tasks WHERE assignee = 'bob' AND status = 'open'"),
            Is.EqualTo(3));
        Assert.That(await CountAsync("SELECT COUNT(*) FROM wk_instance_records"), Is.EqualTo(3));
    }

    [Test]
    public async Task Import_bad_row_starts_nothing()
    {
        var file = await WriteCsvAsync("C101,Alpha,east,10", "X1,Bad code,east,1", "C103,Gamma,south,30");

        var run = await CliRun.RunAsync("records", "import", "customer", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain("customers.csv row 3, column \"code\" (code): "));
        Assert.That(await CountAsync("SELECT COUNT(*) FROM wk_instances"), Is.Zero);
        Assert.That(await CountAsync("SELECT COUNT(*) FROM wk_tasks"), Is.Zero);
        Assert.That(await CountAsync("SELECT COUNT(*) FROM records WHERE form_key = 'customer'"), Is.Zero);
    }

    [Test]
    public async Task Export_admits_participant_only()
    {
        var file = await WriteCsvAsync("C101,Alpha,east,10", "C102,Beta,north,20");
        var imported = await CliRun.RunAsync("records", "import", "customer", file, "--db", Db);
        Assert.That(imported.ExitCode, Is.EqualTo(0), imported.Error);
        var forBob = Path.Combine(_folder, "bob.csv");
        var forHenry = Path.Combine(_folder, "henry.csv");

        var bob = await CliRun.RunAsync("records", "export", "customer", "--db", Db, "--as", "bob", "--out", forBob);
        var henry = await CliRun.RunAsync(
            "records", "export", "customer", "--db", Db, "--as", "henry", "--out", forHenry);

        Assert.That(bob.ExitCode, Is.EqualTo(0), bob.Error);
        Assert.That(henry.ExitCode, Is.EqualTo(0), henry.Error);
        var bobLines = await File.ReadAllLinesAsync(forBob);
        Assert.That(bobLines.Skip(1).Select(line => line.Split(',')[0]).Order(), Is.EqualTo(new[] { "C101", "C102" }));
        Assert.That(await File.ReadAllLinesAsync(forHenry), Has.Length.EqualTo(1), "header only");
    }

    private async Task<string> WriteCsvAsync(params string[] rows)
    {
        var file = Path.Combine(_folder, "customers.csv");
        await File.WriteAllTextAsync(file, "code,name,region,creditLimit\n" + string.Join('\n', rows) + "\n");
        return file;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await new SqliteDatabase(Db).OpenConnectionAsync(default);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
