using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// An escalation at the deadline on each provider: the escalated task keeps its new deadline through a restart, and
/// the former assignee's notice and the audit line are stored.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class EscalationOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "review", "name": "Review", "form": "review",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "manager", "type": "approval", "name": { "zh-CN": "经理审核", "en": "Manager review" },
              "assignees": [{ "type": "user", "value": "bob" }],
              "deadline": { "duration": "PT2H" },
              "overdue": { "action": "escalate", "to": [{ "type": "user", "value": "carol" }] } },
            { "id": "end", "type": "end" }
          ],
          "edges": [ { "id": "e1", "from": "start", "to": "manager" }, { "id": "e2", "from": "manager", "to": "end" } ]
        }
        """;

    private const string Form = """
        {
          "formatVersion": 1, "kind": "form", "key": "review", "name": "Review",
          "fields": [ { "id": "customer", "type": "text", "label": "Customer", "required": true } ]
        }
        """;

    [SetUp]
    public void SetUp()
    {
        Stores.Organization.Add(EngineOnStores.User("carol", "陈静"));
        Stores.Flows.Publish(
            DefinitionJson.Deserialize<FlowDefinition>(Flow), DefinitionJson.Deserialize<FormDefinition>(Form));
    }

    [Test]
    public async Task Escalated_task_keeps_new_deadline()
    {
        var started = await Stores.CreateEngine().StartAsync(
            new StartInstanceRequest("review", "alice")
            {
                TriggerKind = TriggerKinds.Form, Form = new JsonObject { ["customer"] = "协和医院" },
            },
            default);
        Stores.Time.Advance(TimeSpan.FromHours(2));
        var escalatedAt = Stores.Time.GetUtcNow();

        await RunDueWorkAsync(Stores.CreateEngine());

        var restarted = Stores.CreateEngine("node-b");
        var task = (await restarted.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default)).Single();
        Assert.That(task.Assignee, Is.EqualTo("carol"));
        Assert.That(task.Status, Is.EqualTo(TaskStatuses.Open));
        Assert.That(task.DueAt, Is.EqualTo(escalatedAt.AddHours(2)));
        var history = await restarted.GetHistoryAsync(started.Id, default);
        var escalated = history.Single(entry => entry.Action == AuditActions.TaskEscalated);
        Assert.That(escalated.Actor, Is.EqualTo("system"));
        Assert.That(escalated.Details!["from"]!.GetValue<string>(), Is.EqualTo("bob"));
        var notice = (await restarted.GetNotificationsAsync("bob", unreadOnly: false, default))
            .Single(note => note.Kind == NotificationKinds.Escalated);
        Assert.That(notice.Message!.Get("zh-CN"),
            Is.EqualTo("“经理审核”已过截止时间，系统已将此任务升级给 陈静，它已不在您的待办中。"));
        Assert.That(notice.Message.Get("en"), Is.EqualTo(
            "\"Manager review\" passed its deadline, so the system escalated the task to 陈静. " +
            "It is no longer in your inbox."));
        var overdue = (await restarted.GetNotificationsAsync("carol", unreadOnly: false, default))
            .Single(note => note.Kind == NotificationKinds.Overdue);
        Assert.That(overdue.Message!.Get("zh-CN"),
            Is.EqualTo("经理审核：“协和医院”已超期，系统已升级给您处理，新的截止时间为 2025-03-03 13:00。"));
        Assert.That(overdue.Message.Get("en"), Is.EqualTo(
            "Manager review: \"协和医院\" passed its deadline and was escalated to you; it is now due 2025-03-03 13:00."));
    }
}
