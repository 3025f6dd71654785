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
/// The stored notices of a task on each provider name the submission and the deadline, and a decision that the
/// engine takes at a deadline stores its comment in both languages.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class TaskNoticeOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
{
    // The fixture's clock starts at 2025-03-03 09:00 in Asia/Shanghai, so an 8-hour deadline is 17:00.
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "pick", "name": "Pick", "form": "order",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "stock", "type": "approval", "name": { "zh-CN": "仓库备货", "en": "Stock picking" },
              "assignees": [{ "type": "user", "value": "bob" }],
              "deadline": { "duration": "PT8H" }, "reminders": [{ "before": "PT2H" }],
              "overdue": { "action": "OVERDUE_ACTION" } },
            { "id": "end", "type": "end" }
          ],
          "edges": [ { "id": "e1", "from": "start", "to": "stock" }, { "id": "e2", "from": "stock", "to": "end" } ]
        }
        """;

    private const string Form = """
        {
          "formatVersion": 1, "kind": "form", "key": "order", "name": "Order", "titleField": "customer",
          "fields": [
            { "id": "customer", "type": "text", "label": "Customer" },
            { "id": "orderNo", "type": "serial", "label": "Order number", "serialPattern": "SO-{yyyyMMdd}-{seq:4}" }
          ]
        }
        """;

    [SetUp]
    public void SetUp()
    {
        Stores.Organization.Add(EngineOnStores.User("system", "System"));
    }

    [Test]
    public async Task Notices_name_title_and_deadline()
    {
        Publish("remind");
        var engine = Stores.CreateEngine();
        await StartAsync(engine);

        Stores.Time.Advance(TimeSpan.FromHours(6));
        await RunDueWorkAsync(engine);
        Stores.Time.Advance(TimeSpan.FromHours(2));
        await RunDueWorkAsync(engine);

        var notices = await Stores.CreateEngine("node-b").GetNotificationsAsync("bob", unreadOnly: false, default);
        var assigned = notices.Single(notice => notice.Kind == NotificationKinds.TaskAssigned).Message!;
        var reminder = notices.Single(notice => notice.Kind == NotificationKinds.Reminder).Message!;
        var overdue = notices.Single(notice => notice.Kind == NotificationKinds.Overdue).Message!;
        Assert.That(assigned.Get("zh-CN"), Is.EqualTo("仓库备货：“协和医院”待您处理，截止时间 2025-03-03 17:00。"));
        Assert.That(assigned.Get("en"), Is.EqualTo("Stock picking: \"协和医院\" is waiting for you, due 2025-03-03 17:00."));
        Assert.That(reminder.Get("zh-CN"), Is.EqualTo("仓库备货：“协和医院”将于 2025-03-03 17:00 到期，请及时处理。"));
        Assert.That(reminder.Get("en"), Is.EqualTo(
            "Stock picking: \"协和医院\" is due 2025-03-03 17:00; please handle it in time."));
        Assert.That(overdue.Get("zh-CN"), Is.EqualTo("仓库备货：“协和医院”已超期，截止时间为 2025-03-03 17:00。"));
        Assert.That(overdue.Get("en"), Is.EqualTo("Stock picking: \"协和医院\" is overdue; it was due 2025-03-03 17:00."));
    }

    [Test]
    public async Task Hidden_title_gives_serial_number()
    {
        Publish("remind", hideCustomer: true);
        var engine = Stores.CreateEngine();
        await StartAsync(engine);

        var assigned = (await engine.GetNotificationsAsync("bob", unreadOnly: false, default)).Single();

        Assert.That(assigned.Message!.Get("en"), Is.EqualTo(
            "Stock picking: \"SO-20250303-0001\" is waiting for you, due 2025-03-03 17:00."));
        Assert.That(assigned.Message.Get("zh-CN"), Does.Not.Contain("协和医院"));
    }

    [Test]
    public async Task Timeout_reject_comment_in_both_languages()
    {
        Publish("reject");
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine);

        Stores.Time.Advance(TimeSpan.FromHours(8));
        await RunDueWorkAsync(engine);

        var restarted = Stores.CreateEngine("node-b");
        var line = (await restarted.GetHistoryAsync(started.Id, default))
            .Single(entry => entry.Action == AuditActions.TaskActionPrefix + TaskActions.Reject);
        var notice = (await restarted.GetNotificationsAsync("alice", unreadOnly: false, default))
            .Single(note => note.Kind == NotificationKinds.Rejected);
        Assert.That(line.Comment, Is.EqualTo("Overdue since 2025-03-03 17:00: rejected automatically."));
        Assert.That(line.Details!["comment"]!["zh-CN"]!.GetValue<string>(), Is.EqualTo("已于 2025-03-03 17:00 超期，系统自动驳回。"));
        Assert.That(line.Details["comment"]!["en"]!.GetValue<string>(), Is.EqualTo(line.Comment));
        Assert.That(notice.Message!.Get("zh-CN"), Does.EndWith("原因：已于 2025-03-03 17:00 超期，系统自动驳回。"));
        Assert.That(notice.Message.Get("en"), Does.EndWith("Reason: Overdue since 2025-03-03 17:00: rejected automatically."));
    }

    [Test]
    public async Task Timeout_return_notice_in_both_languages()
    {
        Publish("return");
        var engine = Stores.CreateEngine();
        var started = await StartAsync(engine);

        Stores.Time.Advance(TimeSpan.FromHours(8));
        await RunDueWorkAsync(engine);

        var notice = (await engine.GetNotificationsAsync("alice", unreadOnly: false, default))
            .First(note => note.Kind == NotificationKinds.Returned);
        var line = (await engine.GetHistoryAsync(started.Id, default))
            .Single(entry => entry.Action == AuditActions.ReturnedToInitiator);
        Assert.That(notice.Message!.Get("zh-CN"), Does.EndWith("原因：已于 2025-03-03 17:00 超期，系统自动退回。"));
        Assert.That(notice.Message.Get("en"), Does.EndWith("Reason: Overdue since 2025-03-03 17:00: returned automatically."));
        Assert.That(line.Details!["comment"]!["zh-CN"]!.GetValue<string>(), Is.EqualTo("已于 2025-03-03 17:00 超期，系统自动退回。"));
        var note = await engine.GetReturnNoteAsync(started.Id, default);
        Assert.That(note!.Comment, Is.EqualTo("Overdue since 2025-03-03 17:00: returned automatically."));
        Assert.That(note.LocalizedComment!.Get("zh-CN"), Is.EqualTo("已于 2025-03-03 17:00 超期，系统自动退回。"));
    }

    private void Publish(string overdueAction, bool hideCustomer = false)
    {
        var flow = DefinitionJson.Deserialize<FlowDefinition>(Flow.Replace("OVERDUE_ACTION", overdueAction, StringComparison.Ordinal));
        if (hideCustomer)
        {
            flow.Nodes.Single(node => node.Id == "stock").FieldPermissions = new Dictionary<string, FieldPermission>
            {
                ["customer"] = new() { Access = FieldPermission.Hidden },
            };
        }

        Stores.Flows.Publish(flow, DefinitionJson.Deserialize<FormDefinition>(Form));
    }

    private static Task<WorkflowInstance> StartAsync(WorkflowEngine engine) => engine.StartAsync(
        new StartInstanceRequest("pick", "alice")
        {
            TriggerKind = TriggerKinds.Form,
            Form = new JsonObject { ["customer"] = "协和医院", ["orderNo"] = "SO-20250303-0001" },
        },
        default);
}
