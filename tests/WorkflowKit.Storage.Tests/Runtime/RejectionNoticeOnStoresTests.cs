using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// The initiator's notices of a rejection and of a return to an earlier node, stored and read back on each provider.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class RejectionNoticeOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "claim", "name": "Claim",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "check", "type": "approval", "name": { "zh-CN": "初审", "en": "First check" },
              "assignees": [{ "type": "user", "value": "bob" }] },
            { "id": "sign", "type": "approval", "assignees": [{ "type": "user", "value": "carol" }] },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "check" }, { "id": "e2", "from": "check", "to": "sign" },
            { "id": "e3", "from": "sign", "to": "end" }
          ]
        }
        """;

    [SetUp]
    public void SetUp()
    {
        Stores.Organization.Add(EngineOnStores.User("carol", "陈静 Chen Jing"));
        Stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(Flow));
    }

    [Test]
    public async Task Rejection_notice_reaches_initiator()
    {
        var engine = Stores.CreateEngine();
        var started = await engine.StartAsync(new StartInstanceRequest("claim", "alice") { TriggerKind = TriggerKinds.Api, Form = new JsonObject() }, default);
        var check = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default)).Single();

        await engine.ActAsync(new TaskActionRequest(check.Id, TaskActions.Reject, "bob") { Comment = "发票缺失" }, default);

        var notes = await engine.GetNotificationsAsync("alice", unreadOnly: true, default);
        var rejected = notes.Single(note => note.Kind == NotificationKinds.Rejected);
        Assert.That(rejected.InstanceId, Is.EqualTo(started.Id));
        Assert.That(rejected.NodeId, Is.EqualTo("check"));
        Assert.That(rejected.TaskId, Is.Null);
        Assert.That(rejected.CreatedAt, Is.EqualTo(Stores.Time.GetUtcNow()));
        Assert.That(rejected.Message?.Get("zh-CN"), Is.EqualTo("Bob 在“初审”驳回了此申请，流程已结束。原因：发票缺失"));
        Assert.That(rejected.Message?.Get("en"),
            Is.EqualTo("Bob rejected this submission at \"First check\" and the flow has ended. Reason: 发票缺失"));
        Assert.That(await engine.GetNotificationsAsync("bob", unreadOnly: false, default),
            Has.None.Matches<Notification>(note => note.Kind == NotificationKinds.Rejected));
    }

    [Test]
    public async Task Return_notice_reaches_initiator()
    {
        var engine = Stores.CreateEngine();
        var started = await engine.StartAsync(new StartInstanceRequest("claim", "alice") { TriggerKind = TriggerKinds.Api, Form = new JsonObject() }, default);
        var check = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default)).Single();
        await engine.ActAsync(new TaskActionRequest(check.Id, TaskActions.Approve, "bob"), default);
        var sign = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default)).Single();

        await engine.ActAsync(
            new TaskActionRequest(sign.Id, TaskActions.Return, "carol") { TargetNodeId = "check", Comment = "金额不符" },
            default);

        var returned = (await engine.GetNotificationsAsync("alice", unreadOnly: true, default))
            .Single(note => note.Kind == NotificationKinds.Returned);
        Assert.That(returned.TaskId, Is.Null);
        Assert.That(returned.Message?.Get("zh-CN"), Is.EqualTo("初审：陈静 Chen Jing 在“sign”退回了此申请。原因：金额不符"));
    }
}
