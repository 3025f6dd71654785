using System.Collections.Concurrent;
using System.Net;
using Dapper;
using WorkflowKit.Organization;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Definitions;
using WorkflowKit.Storage.PostgreSql.Organization;

namespace WorkflowKit.Storage.Tests.Nodes;

/// <summary>
/// Two engine nodes as separate processes on one PostgreSQL database: timers fire once, a task
/// completed through both nodes at once has one outcome, and a killed node loses nothing.
/// Elapsed times are printed for docs/deployment.md; nothing asserts on them.
/// Waits are bounded loops that read the database; nothing asserts on timing.
/// </summary>
[NonParallelizable]
public sealed class SeveralNodesTests
{
    private const int Instances = 1000;

    private const string TimerFlow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "timer-flow", "name": "Wait a day",
          "nodes": [
            { "id": "start", "type": "start" }, { "id": "wait", "type": "timer", "duration": "P1D" },
            { "id": "end", "type": "end" }
          ],
          "edges": [ { "id": "e1", "from": "start", "to": "wait" }, { "id": "e2", "from": "wait", "to": "end" } ]
        }
        """;

    private const string TaskFlow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "task-flow", "name": "Approve",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "approve", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "end", "type": "end" }
          ],
          "edges": [ { "id": "e1", "from": "start", "to": "approve" }, { "id": "e2", "from": "approve", "to": "end" } ]
        }
        """;

    private TestDatabase? _database;

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        _database = await TestDatabase.CreateAsync(StorageProvider.PostgreSql);
        var database = (PostgresDatabase)_database.Database;
        var definitions = new PostgresDefinitionStore(database, TimeProvider.System);
        foreach (var (key, json) in new[] { ("timer-flow", TimerFlow), ("task-flow", TaskFlow) })
        {
            await definitions.SaveDraftAsync("flow", key, json, null, "admin", default);
            await definitions.PublishAsync("flow", key, "admin", default);
        }

        await new PostgresOrganizationStore(database).SaveUserAsync(
            new OrgUser("bob", "Bob", null, [], new Dictionary<string, string>()), default);
    }

    [TearDown]
    public async Task DropDatabaseAsync()
    {
        // SetUp ignores these tests when no server is configured; then there is nothing to drop.
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private TestDatabase Test => _database!;

    [Test]
    public async Task Due_timers_fire_once_across_two_nodes()
    {
        await using var a = await NodeProcess.StartAsync(Test.ConnectionString, "node-a");
        await using var b = await NodeProcess.StartAsync(Test.ConnectionString, "node-b");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(a.StartInstancesAsync("timer-flow", Instances / 2),
            b.StartInstancesAsync("timer-flow", Instances / 2));
        var started = clock.Elapsed;

        clock.Restart();
        await MakeTimersDueAsync();
        await WaitForCompletedAsync(Instances, TimeSpan.FromMinutes(3));
        TestContext.Out.WriteLine($"Started {Instances} instances in {started}; fired their timers in {clock.Elapsed}.");

        await AssertEachTimerFiredOnceAsync();
        await ReportClaimsAsync();
    }

    [Test]
    public async Task Task_completed_through_both_nodes_has_one_outcome()
    {
        await using var a = await NodeProcess.StartAsync(Test.ConnectionString, "node-a");
        await using var b = await NodeProcess.StartAsync(Test.ConnectionString, "node-b");
        await Task.WhenAll(a.StartInstancesAsync("task-flow", Instances / 2),
            b.StartInstancesAsync("task-flow", Instances / 2));
        var taskIds = await QueryAsync<string>("SELECT id FROM wk_tasks WHERE status = 'open'");
        Assert.That(taskIds, Has.Count.EqualTo(Instances));
        var outcomes = new ConcurrentDictionary<string, HttpStatusCode[]>();
        using var slots = new SemaphoreSlim(16);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Task.WhenAll(taskIds.Select(async taskId =>
        {
            await slots.WaitAsync();
            try
            {
                outcomes[taskId] = await Task.WhenAll(a.ActAsync(taskId, "approve", "bob"),
                    b.ActAsync(taskId, "approve", "bob"));
            }
            finally
            {
                slots.Release();
            }
        }));

        TestContext.Out.WriteLine($"Completed {Instances} tasks through both nodes in {clock.Elapsed}.");
        var wrong = outcomes.Where(pair => pair.Value.Count(status => status == HttpStatusCode.OK) != 1).ToList();
        Assert.That(wrong.Select(pair => $"{pair.Key}: {string.Join(", ", pair.Value)}"), Is.Empty,
            "Each task must have exactly one successful approval and one conflict.");
        Assert.That(await QueryAsync<long>(
                "SELECT COUNT(*) FROM wk_audit WHERE action = @Action AND node_id = 'approve' GROUP BY instance_id",
                new { Action = AuditActions.NodeCompleted }),
            Has.Count.EqualTo(Instances).And.All.EqualTo(1));
        Assert.That(await ScalarAsync("SELECT COUNT(*) FROM wk_instances WHERE status = 'completed'"),
            Is.EqualTo(Instances));
    }

    [Test]
    public async Task Killed_node_loses_no_timer()
    {
        await using (var starter = await NodeProcess.StartAsync(Test.ConnectionString, "starter"))
        {
            await starter.StartInstancesAsync("timer-flow", Instances);
        }

        // Small batches well inside a 5 s lease: when killed, the slow node holds unexpired claims.
        await using var slow = await NodeProcess.StartAsync(
            Test.ConnectionString, "node-slow", leaseSeconds: 5, stepDelayMs: 20, batch: 20);
        await MakeTimersDueAsync();
        await WaitUntilAsync("SELECT COUNT(*) FROM wk_timers WHERE status = 'fired'", fired => fired >= 100,
            TimeSpan.FromMinutes(2));
        slow.Kill();
        var held = await QueryAsync<string>(
            "SELECT id FROM wk_timers WHERE status = 'pending' AND lease_owner = 'node-slow' AND lease_until > now()");

        await using var survivor = await NodeProcess.StartAsync(Test.ConnectionString, "node-survivor");
        await WaitForCompletedAsync(Instances, TimeSpan.FromMinutes(3));

        Assert.That(held, Is.Not.Empty, "The killed node should have died holding leases on claimed timers.");
        await AssertEachTimerFiredOnceAsync();
        var reclaimed = await QueryAsync<string>(
            "SELECT id FROM wk_timers WHERE id = ANY(@Held) AND status = 'fired' AND lease_owner = 'node-survivor'",
            new { Held = held.ToArray() });
        Assert.That(reclaimed, Is.EquivalentTo(held), "The survivor fires what the killed node had claimed.");
        TestContext.Out.WriteLine($"node-slow held {held.Count} leased timers when killed.");
    }

    private async Task MakeTimersDueAsync() =>
        await ExecuteAsync("UPDATE wk_timers SET due_at = now() - interval '1 second' WHERE status = 'pending'");

    private async Task AssertEachTimerFiredOnceAsync()
    {
        Assert.That(await ScalarAsync("SELECT COUNT(*) FROM wk_timers WHERE status = 'fired'"), Is.EqualTo(Instances));
        var firedPerInstance = await QueryAsync<long>(
            "SELECT COUNT(a.id) FROM wk_instances i " +
            "LEFT JOIN wk_audit a ON a.instance_id = i.id AND a.action = @Action " +
            "GROUP BY i.id", new { Action = AuditActions.TimerFired });
        Assert.That(firedPerInstance, Has.Count.EqualTo(Instances).And.All.EqualTo(1));
    }

    private async Task ReportClaimsAsync()
    {
        var split = await QueryAsync<(string Owner, long Count)>(
            "SELECT lease_owner, COUNT(*) FROM wk_timers GROUP BY lease_owner ORDER BY lease_owner");
        TestContext.Out.WriteLine("Timers by last claiming node: " +
                                  string.Join(", ", split.Select(row => $"{row.Owner} {row.Count}")));
    }

    private async Task WaitForCompletedAsync(int expected, TimeSpan limit) =>
        await WaitUntilAsync(
            "SELECT COUNT(*) FROM wk_instances WHERE status = 'completed'", count => count >= expected, limit);

    private async Task WaitUntilAsync(string countSql, Func<long, bool> done, TimeSpan limit)
    {
        var rounds = (int)(limit / TimeSpan.FromMilliseconds(250));
        var last = 0L;
        for (var round = 0; round < rounds; round++)
        {
            last = await ScalarAsync(countSql);
            if (done(last))
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"Gave up after {limit}: \"{countSql}\" stayed at {last}.");
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await Test.Database.OpenConnectionAsync(default);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Test.Database.OpenConnectionAsync(default);
        return [.. await connection.QueryAsync<T>(sql, parameters)];
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await Test.Database.OpenConnectionAsync(default);
        await connection.ExecuteAsync(sql);
    }
}
