using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Drafts;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Runtime;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// Task form drafts on each provider go with the task: in the step that completes, withdraws or cancels the instance,
/// or that gives the task to someone else, and the sweep removes those that a late autosave left behind.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class FormDraftCleanupOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
{
    // A countersign of bob and carol.
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "leave", "name": "Leave", "form": "request",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "board", "type": "approval", "approvalMode": "countersign",
              "assignees": [{ "type": "user", "value": "bob" }, { "type": "user", "value": "carol" }] },
            { "id": "end", "type": "end" }
          ],
          "edges": [ { "id": "e1", "from": "start", "to": "board" }, { "id": "e2", "from": "board", "to": "end" } ]
        }
        """;

    private const string Form = """
        {
          "formatVersion": 1, "kind": "form", "key": "request", "name": "Request",
          "fields": [ { "id": "reason", "type": "text", "label": "Reason" } ]
        }
        """;

    private IFormDraftStore _drafts = null!;

    [SetUp]
    public void SetUp()
    {
        Stores.Organization.Add(EngineOnStores.User("carol", "Carol")).Add(EngineOnStores.User("dave", "Dave"));
        Stores.Flows.Publish(
            DefinitionJson.Deserialize<FlowDefinition>(Flow), DefinitionJson.Deserialize<FormDefinition>(Form));
        _drafts = Stores.Database switch
        {
            SqliteDatabase sqlite => new SqliteFormDraftStore(sqlite),
            PostgresDatabase postgres => new PostgresFormDraftStore(postgres),
            _ => throw new InvalidOperationException($"No draft store for {Stores.Database.GetType().Name}."),
        };
    }

    [Test]
    public async Task Decision_and_completion_remove_drafts()
    {
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine);
        var bob = await TaskOfAsync(engine, started.Id, "bob");
        var carol = await TaskOfAsync(engine, started.Id, "carol");
        await SaveDraftAsync("bob", bob.Id);
        await SaveDraftAsync("carol", carol.Id);
        await SaveDraftAsync("alice", null);

        await engine.ActAsync(new TaskActionRequest(bob.Id, TaskActions.Approve, "bob"), default);

        Assert.That(await FindAsync("bob", bob.Id), Is.Null);
        Assert.That(await FindAsync("carol", carol.Id), Is.Not.Null);

        await engine.ActAsync(new TaskActionRequest(carol.Id, TaskActions.Approve, "carol"), default);

        Assert.That((await engine.GetInstanceAsync(started.Id, default))!.Instance.Status, Is.EqualTo(InstanceStatuses.Completed));
        Assert.That(await FindAsync("carol", carol.Id), Is.Null);
        Assert.That(await FindAsync("alice", null), Is.Not.Null, "start drafts belong to the flow, not the instance");
    }

    [Test]
    public async Task Withdrawal_removes_drafts()
    {
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine);
        var bob = await TaskOfAsync(engine, started.Id, "bob");
        var carol = await TaskOfAsync(engine, started.Id, "carol");
        await SaveDraftAsync("bob", bob.Id);
        await SaveDraftAsync("carol", carol.Id);

        await engine.WithdrawAsync(started.Id, "alice", null, default);

        Assert.That((await engine.GetInstanceAsync(started.Id, default))!.Instance.Status, Is.EqualTo(InstanceStatuses.Withdrawn));
        Assert.That(await FindAsync("bob", bob.Id), Is.Null);
        Assert.That(await FindAsync("carol", carol.Id), Is.Null);
    }

    [Test]
    public async Task Cancel_removes_drafts()
    {
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine);
        var bob = await TaskOfAsync(engine, started.Id, "bob");
        await SaveDraftAsync("bob", bob.Id);

        await engine.CancelAsync(started.Id, "admin", "Duplicate request", default);

        Assert.That((await engine.GetInstanceAsync(started.Id, default))!.Instance.Status, Is.EqualTo(InstanceStatuses.Cancelled));
        Assert.That(await FindAsync("bob", bob.Id), Is.Null);
    }

    [Test]
    public async Task Transfer_removes_former_assignee_draft()
    {
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine);
        var bob = await TaskOfAsync(engine, started.Id, "bob");
        await SaveDraftAsync("bob", bob.Id);

        await engine.ActAsync(
            new TaskActionRequest(bob.Id, TaskActions.Transfer, "bob") { TargetUserId = "dave" }, default);
        await SaveDraftAsync("dave", bob.Id);

        Assert.That(await FindAsync("bob", bob.Id), Is.Null);
        Assert.That(await FindAsync("dave", bob.Id), Is.Not.Null);
    }

    [Test]
    public async Task Sweep_removes_late_and_old_drafts()
    {
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine);
        var bob = await TaskOfAsync(engine, started.Id, "bob");
        var carol = await TaskOfAsync(engine, started.Id, "carol");
        await engine.ActAsync(new TaskActionRequest(bob.Id, TaskActions.Approve, "bob"), default);
        await SaveDraftAsync("bob", bob.Id);
        await SaveDraftAsync("carol", carol.Id);
        await SaveDraftAsync("dave", carol.Id);
        await SaveDraftAsync("alice", null, Stores.Time.GetUtcNow().AddDays(-31));
        await SaveDraftAsync("carol", null);

        var deleted = await _drafts.DeleteOrphanedAsync(Stores.Time.GetUtcNow().AddDays(-30), default);

        Assert.That(deleted, Is.EqualTo(3));
        Assert.That(await FindAsync("bob", bob.Id), Is.Null, "draft of a closed task");
        Assert.That(await FindAsync("dave", carol.Id), Is.Null, "draft of another user's task");
        Assert.That(await FindAsync("alice", null), Is.Null, "start draft older than the lifetime");
        Assert.That(await FindAsync("carol", carol.Id), Is.Not.Null);
        Assert.That(await FindAsync("carol", null), Is.Not.Null);
    }

    private Task SaveDraftAsync(string user, string? taskId, DateTimeOffset? savedAt = null) => _drafts.SaveAsync(
        new FormDraft(
            user, taskId is null ? FormDraftScopes.Start("leave") : FormDraftScopes.Task(taskId), 1,
            new JsonObject { ["reason"] = "年假" }, savedAt ?? Stores.Time.GetUtcNow()),
        default);

    private Task<FormDraft?> FindAsync(string user, string? taskId) =>
        _drafts.FindAsync(user, taskId is null ? FormDraftScopes.Start("leave") : FormDraftScopes.Task(taskId), default);

    private static Task<WorkflowInstance> StartAsync(WorkflowEngine engine) => engine.StartAsync(
        new StartInstanceRequest("leave", "alice")
        {
            TriggerKind = TriggerKinds.Form,
            Form = new JsonObject { ["reason"] = "年假" },
        },
        default);

    private static async Task<WorkTask> TaskOfAsync(WorkflowEngine engine, string instanceId, string assignee) =>
        (await engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId }, default))
            .Single(task => task.Assignee == assignee && task.Status == TaskStatuses.Open);
}
