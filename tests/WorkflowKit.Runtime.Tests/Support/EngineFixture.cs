using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Organization;
using WorkflowKit.Records;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Expressions;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Outbox;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Runtime.Tests.Support;

/// <summary>
/// One engine on its own temporary SQLite file, a fake clock, the test organisation and an
/// in-memory definition source, with assertions that read like the flow: a node completed, a
/// task assigned to someone, an instance ended at an end node.
/// </summary>
public sealed class EngineFixture : IAsyncDisposable
{
    /// <summary>Monday 3 March 2025, 09:00 in Shanghai.</summary>
    public static readonly DateTimeOffset StartTime = new(2025, 3, 3, 1, 0, 0, TimeSpan.Zero);

    private EngineFixture(string path)
    {
        DatabasePath = path;
        Database = new SqliteDatabase(path);
        Store = new SqliteRuntimeStore(Database);
        Records = new TestRecordStore(Database);
        RecordStore = Records;
        Time = new FakeTimeProvider(StartTime);
        Engine = null!;
    }

    public string DatabasePath { get; }

    public SqliteDatabase Database { get; }

    public SqliteRuntimeStore Store { get; }

    public TestRecordStore Records { get; }

    /// <summary>The record store the engine writes through; <see cref="Records"/> unless a test replaces it.</summary>
    public IRecordStore RecordStore { get; set; }

    public FakeTimeProvider Time { get; }

    public InMemoryFlowDefinitionSource Definitions { get; } = new();

    public InMemoryOrganizationDirectory Organization { get; } = TestOrganization.Create();

    public EngineOptions Options { get; } = new() { RunnerId = "test-runner" };

    public List<INotificationChannel> Channels { get; } = [];

    /// <summary>Host services that service nodes call; add before <see cref="Restart"/>.</summary>
    public List<Services.IFlowService> FlowServices { get; } = [];

    /// <summary>The sandboxed script host of WorkflowKit.Expressions, on the fixture's clock.</summary>
    public IFlowExpressions Expressions { get; set; } = null!;

    public WorkflowEngine Engine { get; private set; }

    public static async Task<EngineFixture> CreateAsync(string? path = null, Action<EngineFixture>? configure = null)
    {
        var fixture = new EngineFixture(path ?? Path.Combine(Path.GetTempPath(), $"wk-runtime-{Guid.NewGuid():N}.db"));
        fixture.Expressions = new ScriptHostFlowExpressions(new ScriptHost(timeProvider: fixture.Time));
        configure?.Invoke(fixture);
        await SqliteMigrator.MigrateAsync(fixture.Database, CancellationToken.None);
        await TestRecordStore.CreateTablesAsync(fixture.Database);
        fixture.Restart();
        return fixture;
    }

    /// <summary>Replaces the engine by a new one on the same database, as a process restart would.</summary>
    public WorkflowEngine Restart(IFaultInjector? faults = null)
    {
        Engine = new WorkflowEngine(
            Database, Store, Definitions, Expressions, Organization, RecordStore, Time, Options,
            channels: Channels, faults: faults, flowServices: FlowServices);
        return Engine;
    }

    public PublishedFlow Publish(FlowDefinition flow) => Definitions.Publish(flow);

    public PublishedFlow Publish(FlowBuilder flow) => Definitions.Publish(flow.Build());

    public Task<WorkflowInstance> StartAsync(string flowKey, string initiator = "alice", string? form = null) =>
        Engine.StartAsync(
            new StartInstanceRequest(flowKey, initiator) { Form = form is null ? null : JsonNode.Parse(form)!.AsObject() },
            CancellationToken.None);

    public Task<TaskActionResult> ActAsync(WorkTask task, string action, string? user = null, string? comment = null) =>
        Engine.ActAsync(new TaskActionRequest(task.Id, action, user ?? task.Assignee) { Comment = comment }, CancellationToken.None);

    public async Task<IReadOnlyList<WorkTask>> OpenTasksAsync(string instanceId) =>
        await Engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId }, CancellationToken.None);

    /// <summary>Asserts that exactly one open task of the node is assigned to the user, and returns it.</summary>
    public async Task<WorkTask> TaskAssignedToAsync(string instanceId, string nodeId, string user)
    {
        var open = await OpenTasksAsync(instanceId);
        var matching = open.Where(task => task.NodeId == nodeId && task.Assignee == user).ToList();
        Assert.That(matching, Has.Count.EqualTo(1),
            $"Expected one open task at '{nodeId}' for {user}; open tasks: " +
            string.Join(", ", open.Select(task => $"{task.NodeId}:{task.Assignee}")));
        return matching[0];
    }

    public async Task NoOpenTasksAsync(string instanceId)
    {
        var open = await OpenTasksAsync(instanceId);
        Assert.That(open.Select(task => $"{task.NodeId}:{task.Assignee}"), Is.Empty, "Expected no open tasks.");
    }

    public async Task<int> CountNodeCompletionsAsync(string instanceId, string nodeId)
    {
        var history = await Engine.GetHistoryAsync(instanceId, CancellationToken.None);
        return history.Count(entry => entry.Action == AuditActions.NodeCompleted && entry.NodeId == nodeId);
    }

    public async Task NodeCompletedAsync(string instanceId, string nodeId, int times = 1)
    {
        Assert.That(await CountNodeCompletionsAsync(instanceId, nodeId), Is.EqualTo(times),
            $"Expected node '{nodeId}' to have completed {times} time(s).");
    }

    public async Task NodeNotReachedAsync(string instanceId, string nodeId)
    {
        var history = await Engine.GetHistoryAsync(instanceId, CancellationToken.None);
        Assert.That(history.Where(entry => entry.NodeId == nodeId && entry.Action == AuditActions.NodeEntered), Is.Empty,
            $"Expected node '{nodeId}' never to be entered.");
    }

    public async Task<InstanceDetail> InstanceAsync(string instanceId) =>
        await Engine.GetInstanceAsync(instanceId, CancellationToken.None)
        ?? throw new AssertionException($"Instance {instanceId} does not exist.");

    public async Task InstanceEndedWithAsync(string instanceId, string endNodeId, string status = "completed")
    {
        var detail = await InstanceAsync(instanceId);
        Assert.Multiple(() =>
        {
            Assert.That(detail.Instance.Status, Is.EqualTo(status), "instance status");
            Assert.That(detail.Instance.EndNodeId, Is.EqualTo(endNodeId), "end node");
            Assert.That(detail.Positions, Is.Empty, "live tokens after the end");
        });
    }

    public async Task InstanceRunningAsync(string instanceId)
    {
        var detail = await InstanceAsync(instanceId);
        Assert.That(detail.Instance.Status, Is.EqualTo(InstanceStatuses.Running));
    }

    /// <summary>Runs due work until nothing is due; bounded so a bug cannot loop forever.</summary>
    public async Task<int> RunDueWorkAsync(int maxRounds = 200)
    {
        var total = 0;
        for (var round = 0; round < maxRounds; round++)
        {
            var handled = await Engine.RunDueWorkAsync(CancellationToken.None);
            if (handled == 0)
            {
                return total;
            }

            total += handled;
        }

        throw new AssertionException($"Due work did not settle after {maxRounds} rounds.");
    }

    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await RunDueWorkAsync();
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            try
            {
                File.Delete(DatabasePath + suffix);
            }
            catch (IOException)
            {
                // Another test's pool may still hold the file for a moment; the temp folder is cleaned eventually.
            }
        }

        await Task.CompletedTask;
    }
}
