using System.Text.RegularExpressions;
using WorkflowKit.Definitions.Store;

namespace WorkflowKit.Cli.Tests;

/// <summary>
/// <c>workflowkit delegation</c> on each provider: a delegation created with <c>--move-open-tasks</c> moves the
/// user's open tasks at once, as the portal page does; the rules of the page reject the same requests.
/// The PostgreSQL fixture needs WORKFLOWKIT_TEST_POSTGRES; it is skipped without it and fails under CI=true.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public sealed partial class DelegationCommandTests(string provider)
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
    private PostgresTestDatabase? _database;
    private string _db = string.Empty;

    [SetUp]
    public async Task SetUpAsync()
    {
        _folder = TestPaths.NewTempFolder();
        if (provider == "sqlite")
        {
            _db = Path.Combine(_folder, "wk.db");
        }
        else
        {
            _database = await PostgresTestDatabase.CreateAsync();
            _db = _database.ConnectionString;
        }

        var stores = await DatabaseFactory.OpenStoresAsync(_db, TimeProvider.System, default);
        await using (stores)
        {
            await stores.Definitions.SaveDraftAsync(DefinitionKinds.Flow, "credit", Flow, null, "admin", default);
            await stores.Definitions.PublishAsync(DefinitionKinds.Flow, "credit", "admin", default);
        }

        var users = Path.Combine(_folder, "users.json");
        await File.WriteAllTextAsync(users, Users);
        var imported = await CliRun.RunAsync("org", "import", users, "--db", _db);
        Assert.That(imported.ExitCode, Is.EqualTo(0), imported.Error);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder.Length > 0)
        {
            Directory.Delete(_folder, recursive: true);
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }

    [Test]
    public async Task Create_moves_open_tasks_when_asked()
    {
        var instance = await StartAsync();

        var created = await CliRun.RunAsync(
            "delegation", "create", "--user", "bob", "--to", "carol", "--start", "2025-05-06T08:00",
            "--end", "2025-05-13T18:00", "--flow", "credit", "--move-open-tasks", "--as", "admin", "--db", _db);
        var detail = await CliRun.RunAsync("instance", instance, "--db", _db);
        var list = await CliRun.RunAsync("delegation", "list", "--user", "bob", "--db", _db);

        Assert.That(created.ExitCode, Is.EqualTo(0), created.Error);
        Assert.That(created.OutputLines, Has.Some.Matches(
            @"^Created delegation [0-9a-f]{32}: bob -> carol, 2025-05-06T08:00 to 2025-05-13T18:00 \(Asia/Shanghai\), " +
            "flows credit, moves open tasks\\.$"));
        Assert.That(created.OutputLines, Does.Contain("Moved 1 open task(s) of bob to the delegates."));
        Assert.That(TaskAt(detail, "carol"), Is.Not.Empty, detail.Output);
        Assert.That(TaskAt(detail, "bob"), Is.Empty, detail.Output);
        Assert.That(list.OutputLines, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Create_without_move_leaves_open_tasks()
    {
        var instance = await StartAsync();

        var created = await CliRun.RunAsync(
            "delegation", "create", "--user", "bob", "--to", "carol", "--start", "2025-05-06T08:00",
            "--end", "2025-05-13T18:00", "--db", _db);
        var detail = await CliRun.RunAsync("instance", instance, "--db", _db);
        var later = await StartAsync();
        var laterDetail = await CliRun.RunAsync("instance", later, "--db", _db);

        Assert.That(created.ExitCode, Is.EqualTo(0), created.Error);
        Assert.That(created.Output, Does.Not.Contain("Moved"));
        Assert.That(TaskAt(detail, "bob"), Is.Not.Empty, detail.Output);
        Assert.That(TaskAt(laterDetail, "carol"), Is.Not.Empty, laterDetail.Output);
    }

    [Test]
    public async Task Overlap_is_rejected_then_end_frees_period()
    {
        var first = await CliRun.RunAsync(
            "delegation", "create", "--user", "bob", "--to", "carol", "--start", "2025-05-06T08:00",
            "--end", "2025-05-13T18:00", "--db", _db);
        var id = Regex.Match(first.Output, "delegation ([0-9a-f]{32})").Groups[1].Value;

        var overlapping = await CliRun.RunAsync(
            "delegation", "create", "--user", "bob", "--to", "alice", "--start", "2025-05-07T08:00",
            "--end", "2025-05-08T18:00", "--db", _db);
        var ended = await CliRun.RunAsync("delegation", "end", id, "--as", "admin", "--db", _db);
        var again = await CliRun.RunAsync(
            "delegation", "create", "--user", "bob", "--to", "alice", "--start", "2025-05-07T08:00",
            "--end", "2025-05-08T18:00", "--db", _db);

        Assert.That(overlapping.ExitCode, Is.EqualTo(1));
        Assert.That(overlapping.Error, Does.StartWith("error: bob already delegates to carol from 2025-05-06 08:00"));
        Assert.That(ended.ExitCode, Is.EqualTo(0), ended.Error);
        Assert.That(ended.Output, Does.Contain("ended by admin"));
        Assert.That(again.ExitCode, Is.EqualTo(0), again.Error);
    }

    [Test]
    public async Task Bad_time_is_usage_error()
    {
        var run = await CliRun.RunAsync(
            "delegation", "create", "--user", "bob", "--to", "carol", "--start", "6 May",
            "--end", "2025-05-13T18:00", "--db", _db);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain(
            "--start \"6 May\" is not a time such as 2025-03-03T09:00 (yyyy-MM-ddTHH:mm, tenant time zone " +
            "Asia/Shanghai)."));
    }

    [Test]
    public async Task Times_use_configured_zone()
    {
        var berlin = new Dictionary<string, string> { [CliEngineSettings.TimeZoneVariable] = "Europe/Berlin" };

        var created = await CliRun.RunAsync(
            berlin, "delegation", "create", "--user", "bob", "--to", "carol", "--start", "2025-05-06T08:00",
            "--end", "2025-05-13T18:00", "--db", _db);
        var inBerlin = await CliRun.RunAsync(berlin, "delegation", "list", "--db", _db);
        var inShanghai = await CliRun.RunAsync("delegation", "list", "--db", _db);
        var stores = await DatabaseFactory.OpenStoresAsync(_db, TimeProvider.System, default);
        IReadOnlyList<WorkflowKit.Runtime.Delegations.Delegation> stored;
        await using (stores)
        {
            stored = await stores.Delegations.ListForUserAsync("bob", default);
        }

        Assert.That(created.ExitCode, Is.EqualTo(0), created.Error);
        Assert.That(created.Output, Does.Contain(": bob -> carol, 2025-05-06T08:00 to 2025-05-13T18:00 (Europe/Berlin),"));
        Assert.That(inBerlin.Output, Does.Contain("2025-05-06T08:00 to 2025-05-13T18:00 (Europe/Berlin)"));
        Assert.That(inShanghai.Output, Does.Contain("2025-05-06T14:00 to 2025-05-14T00:00 (Asia/Shanghai)"));
        Assert.That(stored.Single().StartsAt, Is.EqualTo(new DateTimeOffset(2025, 5, 6, 6, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public async Task Unknown_configured_zone_is_usage_error()
    {
        var run = await CliRun.RunAsync(
            new Dictionary<string, string> { [CliEngineSettings.TimeZoneVariable] = "Asia/Shangai" },
            "delegation", "create", "--user", "bob", "--to", "carol", "--start", "2025-05-06T08:00",
            "--end", "2025-05-13T18:00", "--db", _db);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain(
            "WorkflowKit__Engine__TimeZone (WorkflowKit:Engine:TimeZone) is \"Asia/Shangai\", but this machine has no " +
            "such time zone. Set it to an IANA id such as Asia/Shanghai, the same value the designer uses."));
    }

    [Test]
    public async Task Designer_accounts_are_known()
    {
        await AddDesignerAccountsAsync();

        var created = await CliRun.RunAsync(
            "delegation", "create", "--user", "manager", "--to", "bob", "--start", "2025-05-06T08:00",
            "--end", "2025-05-13T18:00", "--db", _db);
        var toAccount = await CliRun.RunAsync(
            "delegation", "create", "--user", "alice", "--to", "manager", "--start", "2025-05-06T08:00",
            "--end", "2025-05-13T18:00", "--db", _db);

        Assert.That(created.ExitCode, Is.EqualTo(0), created.Error);
        Assert.That(created.Output, Does.Contain(": manager -> bob, 2025-05-06T08:00"));
        Assert.That(toAccount.ExitCode, Is.EqualTo(0), toAccount.Error);
    }

    [Test]
    public async Task Unknown_user_names_option()
    {
        await AddDesignerAccountsAsync();

        var unknown = await CliRun.RunAsync(
            "delegation", "create", "--user", "nobody", "--to", "bob", "--start", "2025-05-06T08:00",
            "--end", "2025-05-13T18:00", "--db", _db);
        var disabled = await CliRun.RunAsync(
            "delegation", "create", "--user", "bob", "--to", "left", "--start", "2025-05-06T08:00",
            "--end", "2025-05-13T18:00", "--db", _db);

        Assert.That(unknown.ExitCode, Is.EqualTo(1));
        Assert.That(unknown.Error.Trim(), Is.EqualTo(
            "error: --user \"nobody\" is neither an active user of the organisation directory nor an active account of " +
            "the designer on this database. Give the id of an active user in --user, or add the user with " +
            "'workflowkit org import'."));
        Assert.That(disabled.ExitCode, Is.EqualTo(1));
        Assert.That(disabled.Error, Does.StartWith("error: --to \"left\" is neither an active user"));
    }

    [Test]
    public async Task Unknown_flow_key_is_rejected()
    {
        var run = await CliRun.RunAsync(
            "delegation", "create", "--user", "bob", "--to", "carol", "--start", "2025-05-06T08:00",
            "--end", "2025-05-13T18:00", "--flow", "credit", "--flow", "nosuch", "--db", _db);
        var list = await CliRun.RunAsync("delegation", "list", "--db", _db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.StartWith(
            "error: Flow \"nosuch\" in flowKeys has no published version; check the key, or remove it"));
        Assert.That(list.OutputLines, Is.Empty);
    }

    // A designer demo account ("manager") and a disabled account ("left") that the organisation directory lacks, in
    // the designer's account table that the migrations create.
    private async Task AddDesignerAccountsAsync()
    {
        var (active, inactive) = provider == "sqlite" ? ("0", "1") : ("FALSE", "TRUE");
        var database = DatabaseFactory.Open(_db);
        await using var connection = await database.OpenConnectionAsync(default);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO designer_users (id, user_name, display_name, password_hash, department_id, roles, attributes, " +
            "disabled, created_at) VALUES " +
            $"('manager', 'manager', '王经理', 'x', NULL, '[\"sales-manager\"]', '{{}}', {active}, CURRENT_TIMESTAMP), " +
            $"('left', 'left', '离职', 'x', NULL, '[]', '{{}}', {inactive}, CURRENT_TIMESTAMP)";
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> StartAsync()
    {
        var run = await CliRun.RunAsync("run", "credit", "--as", "alice", "--db", _db);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        return InstanceLine().Match(run.Output).Groups[1].Value;
    }

    private static string TaskAt(CliRun detail, string assignee) =>
        detail.OutputLines.Select(line => Regex.Match(line, $@"^task ([0-9a-f]{{32}}) review {assignee} open$"))
            .FirstOrDefault(match => match.Success)?.Groups[1].Value ?? string.Empty;

    [GeneratedRegex(@"^Instance ([0-9a-f]{32}) ", RegexOptions.Multiline)]
    private static partial Regex InstanceLine();
}
