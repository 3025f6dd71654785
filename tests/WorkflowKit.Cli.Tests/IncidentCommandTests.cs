namespace WorkflowKit.Cli.Tests;

/// <summary>
/// <c>incidents</c> lists the instances that stopped at an assignee rule that matched nobody, and <c>incidents retry</c>
/// runs the node again once the organisation data has the missing user.
/// </summary>
public sealed class IncidentCommandTests
{
    private const string Form = """
        {
          "formatVersion": 1, "kind": "form", "key": "stuck-order", "name": { "zh-CN": "订单", "en": "Order" },
          "fields": [{ "id": "region", "type": "text", "label": { "zh-CN": "区域", "en": "Region" } }]
        }
        """;

    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "stuck-order", "name": { "zh-CN": "订单", "en": "Order" },
          "form": "stuck-order",
          "triggers": [{ "type": "api" }],
          "nodes": [
            { "id": "start", "type": "start" },
            {
              "id": "creditApproval", "type": "approval", "name": { "zh-CN": "信用审批", "en": "Credit approval" },
              "assignees": [{ "type": "role", "value": "finance", "where": { "region": "form.region" } }]
            },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "creditApproval" },
            { "id": "e2", "from": "creditApproval", "to": "end" }
          ]
        }
        """;

    private const string Package = """
        {
          "formatVersion": 1, "kind": "package", "key": "stuck-order", "name": { "zh-CN": "订单", "en": "Order" },
          "version": "1.0.0",
          "forms": ["forms/stuck-order.json"],
          "flows": ["flows/stuck-order.json"],
          "roles": [{ "key": "finance", "name": { "zh-CN": "财务", "en": "Finance" } }]
        }
        """;

    private const string NorthFinanceUser = """
        {
          "departments": [{ "id": "finance", "name": "财务部" }],
          "users": [
            { "id": "finance-north", "displayName": "周敏", "department": "finance", "roles": ["finance"], "region": "north" }
          ]
        }
        """;

    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    [SetUp]
    public async Task SetUpAsync()
    {
        _folder = TestPaths.NewTempFolder();
        var package = Path.Combine(_folder, "package");
        Directory.CreateDirectory(Path.Combine(package, "forms"));
        Directory.CreateDirectory(Path.Combine(package, "flows"));
        await File.WriteAllTextAsync(Path.Combine(package, "package.json"), Package);
        await File.WriteAllTextAsync(Path.Combine(package, "forms", "stuck-order.json"), Form);
        await File.WriteAllTextAsync(Path.Combine(package, "flows", "stuck-order.json"), Flow);
        await File.WriteAllTextAsync(Path.Combine(_folder, "north.json"), """{ "region": "north" }""");

        var imported = await CliRun.RunAsync("import", package, "--db", Db);
        Assert.That(imported.ExitCode, Is.EqualTo(0), imported.Output + imported.Error);
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Incidents_lists_unmatched_rule()
    {
        var instanceId = await StartStuckOrderAsync();

        var run = await CliRun.RunAsync("incidents", "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines[0], Does.StartWith("INCIDENT"));
        Assert.That(run.OutputLines[1], Does.Contain(instanceId));
        Assert.That(run.OutputLines[1], Does.Contain("creditApproval"));
        Assert.That(run.OutputLines[1], Does.Contain("assignee"));
        Assert.That(run.OutputLines[2], Is.EqualTo(
            "Node 'creditApproval' (approval) resolved no assignee: rule role 'finance' where region = form.region " +
            "matched nobody. Fix the organisation data or the node's rules, then retry the incident."));
        Assert.That(run.OutputLines[^1], Is.EqualTo(
            "Fix the cause, then run 'workflowkit incidents retry INCIDENT --db DB' to run the node again."));
    }

    [Test]
    public async Task Incidents_of_instance_filters()
    {
        var stuck = await StartStuckOrderAsync();
        var other = await StartStuckOrderAsync();

        var run = await CliRun.RunAsync("incidents", "--db", Db, "--instance", other);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Output, Does.Contain(other));
        Assert.That(run.Output, Does.Not.Contain(stuck));
    }

    [Test]
    public async Task Incidents_of_unknown_instance_fails()
    {
        var run = await CliRun.RunAsync("incidents", "--db", Db, "--instance", "no-such-instance");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Trim(), Is.EqualTo("error: Instance 'no-such-instance' does not exist; check the id."));
    }

    [Test]
    public async Task Incidents_without_any_prints_none()
    {
        var run = await CliRun.RunAsync("incidents", "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Output.Trim(), Is.EqualTo("No open incidents."));
    }

    [Test]
    public async Task Retry_after_org_fix_assigns_task()
    {
        var instanceId = await StartStuckOrderAsync();
        var incidentId = await SingleIncidentIdAsync();
        var org = await CliRun.RunAsync("org", "import", await WriteAsync("users.json", NorthFinanceUser), "--db", Db);
        Assert.That(org.ExitCode, Is.EqualTo(0), org.Error);

        var retry = await CliRun.RunAsync("incidents", "retry", incidentId, "--db", Db, "--as", "admin");

        Assert.That(retry.ExitCode, Is.EqualTo(0), retry.Error);
        Assert.That(retry.OutputLines[0], Is.EqualTo($"Incident {incidentId}: retried by admin."));
        Assert.That(retry.Output, Does.Contain("creditApproval finance-north open"));
        var tasks = await CliRun.RunAsync("tasks", "--db", Db, "--assignee", "finance-north");
        Assert.That(tasks.Output, Does.Contain(instanceId));
        var left = await CliRun.RunAsync("incidents", "--db", Db);
        Assert.That(left.Output.Trim(), Is.EqualTo("No open incidents."));
    }

    [Test]
    public async Task Retry_without_fix_names_new_incident()
    {
        await StartStuckOrderAsync();
        var incidentId = await SingleIncidentIdAsync();

        var retry = await CliRun.RunAsync("incidents", "retry", incidentId, "--db", Db, "--as", "admin");

        var newId = await SingleIncidentIdAsync();
        Assert.That(retry.ExitCode, Is.EqualTo(1));
        Assert.That(newId, Is.Not.EqualTo(incidentId));
        Assert.That(retry.Error.Trim(), Does.StartWith(
            $"error: The retry of incident {incidentId} raised incident {newId}: Node 'creditApproval' (approval) " +
            "resolved no assignee"));
    }

    [Test]
    public async Task Retry_of_resolved_incident_fails()
    {
        await StartStuckOrderAsync();
        var incidentId = await SingleIncidentIdAsync();
        await CliRun.RunAsync("org", "import", await WriteAsync("users.json", NorthFinanceUser), "--db", Db);
        await CliRun.RunAsync("incidents", "retry", incidentId, "--db", Db, "--as", "admin");

        var again = await CliRun.RunAsync("incidents", "retry", incidentId, "--db", Db, "--as", "admin");

        Assert.That(again.ExitCode, Is.EqualTo(1));
        Assert.That(again.Error.Trim(), Is.EqualTo(
            $"error: Incident {incidentId} is already resolved; reload the instance."));
    }

    [Test]
    public async Task Retry_of_unknown_incident_fails()
    {
        var retry = await CliRun.RunAsync("incidents", "retry", "no-such-incident", "--db", Db, "--as", "admin");

        Assert.That(retry.ExitCode, Is.EqualTo(1));
        Assert.That(retry.Error.Trim(), Is.EqualTo(
            "error: Incident 'no-such-incident' does not exist; check the id."));
    }

    private async Task<string> StartStuckOrderAsync()
    {
        var run = await CliRun.RunAsync(
            "run", "stuck-order", "--input", Path.Combine(_folder, "north.json"), "--db", Db, "--as", "sales1");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        return run.OutputLines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
    }

    private async Task<string> SingleIncidentIdAsync()
    {
        var list = await CliRun.RunAsync("incidents", "--db", Db);
        var rows = list.OutputLines.Skip(1).Where(line => !line.StartsWith("Node ", StringComparison.Ordinal)
            && !line.StartsWith("Fix ", StringComparison.Ordinal)).ToList();
        Assert.That(rows, Has.Count.EqualTo(1), list.Output);
        return rows[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
    }

    private async Task<string> WriteAsync(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
