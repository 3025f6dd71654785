using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;

namespace WorkflowKit.Runtime.Tests.Approvals;

/// <summary>
/// Urges (催办): each open task is urged at most once per <see cref="EngineOptions.UrgeInterval"/> by one user, and
/// the notification names the submission and who urged.
/// </summary>
public sealed class UrgeTests
{
    private static FormDefinition OrderForm() => new()
    {
        Key = "order",
        Name = new LocalizedText("Order"),
        TitleField = "orderNo",
        Fields =
        [
            new FieldDefinition { Id = "customer", Type = FieldTypes.Text, Label = new LocalizedText("Customer") },
            new FieldDefinition { Id = "orderNo", Type = FieldTypes.Text, Label = new LocalizedText("Order no.") },
        ],
    };

    private static FlowBuilder TwoSteps() => new FlowBuilder("order")
        .Configure(flow => flow.Form = "order")
        .Start()
        .FillIn("draft", "dave", node => node.Name = new LocalizedText("填写订单", "Fill in the order"))
        .Approval("finance", "carol").End()
        .Chain("start", "draft", "finance", "end");

    private static async Task<EngineFixture> CreateAsync()
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Definitions.Publish(TwoSteps().Build(), OrderForm());
        return fx;
    }

    private static async Task<IReadOnlyList<Notification>> UrgesOfAsync(EngineFixture fx, string userId) =>
        [.. (await fx.Engine.GetNotificationsAsync(userId, unreadOnly: false, CancellationToken.None))
            .Where(notification => notification.Kind == NotificationKinds.Urge)];

    [Test]
    public async Task Urge_again_too_soon_rejected()
    {
        await using var fx = await CreateAsync();
        var instance = await fx.StartAsync("order", form: """{"orderNo": "SO-20250303-0001"}""");
        await fx.Engine.UrgeAsync(instance.Id, "alice", null, CancellationToken.None);
        fx.Time.Advance(TimeSpan.FromMinutes(4));

        var error = Assert.ThrowsAsync<InstanceActionException>(
            () => fx.Engine.UrgeAsync(instance.Id, "alice", "still waiting", CancellationToken.None));

        Assert.That(error!.Error, Is.EqualTo(InstanceActionError.UrgedTooRecently));
        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(6)));
        Assert.That(error.Message, Is.EqualTo(
            $"You already urged the open tasks of instance {instance.Id} within the last 10 minutes, so nobody was " +
            "notified again. Urge again after 2025-03-03 09:10 (Asia/Shanghai)."));
        Assert.That(await UrgesOfAsync(fx, "dave"), Has.Count.EqualTo(1));
        var history = await fx.Engine.GetHistoryAsync(instance.Id, CancellationToken.None);
        Assert.That(history.Count(entry => entry.Action == "urge"), Is.EqualTo(1), "the rejected urge is not audited");
    }

    [Test]
    public async Task Urge_after_interval_notifies_again()
    {
        await using var fx = await CreateAsync();
        var instance = await fx.StartAsync("order");
        await fx.Engine.UrgeAsync(instance.Id, "alice", null, CancellationToken.None);
        fx.Time.Advance(TimeSpan.FromMinutes(10));

        await fx.Engine.UrgeAsync(instance.Id, "alice", null, CancellationToken.None);

        Assert.That(await UrgesOfAsync(fx, "dave"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Urge_of_new_task_not_limited()
    {
        await using var fx = await CreateAsync();
        var instance = await fx.StartAsync("order");
        await fx.Engine.UrgeAsync(instance.Id, "alice", null, CancellationToken.None);
        await fx.ActAsync(await fx.TaskAssignedToAsync(instance.Id, "draft", "dave"), "submit");

        await fx.Engine.UrgeAsync(instance.Id, "alice", null, CancellationToken.None);

        Assert.That(await UrgesOfAsync(fx, "dave"), Has.Count.EqualTo(1));
        Assert.That(await UrgesOfAsync(fx, "carol"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Urge_message_names_title_and_urger()
    {
        await using var fx = await CreateAsync();
        fx.Organization.Add(new Organization.OrgUser("zhang", "张伟", "sales", ["sales"], new Dictionary<string, string>()));
        var instance = await fx.StartAsync("order", "zhang", """{"orderNo": "SO-20250303-0001"}""");

        await fx.Engine.UrgeAsync(instance.Id, "zhang", " 客户在等 ", CancellationToken.None);

        var message = (await UrgesOfAsync(fx, "dave")).Single().Message!;
        Assert.That(message.Get("zh-CN"), Is.EqualTo("填写订单：张伟 催办“SO-20250303-0001”。留言：客户在等"));
        Assert.That(message.Get("en"), Is.EqualTo(
            "Fill in the order: 张伟 asks you to handle \"SO-20250303-0001\". Comment: 客户在等"));
    }

    [Test]
    public async Task Urge_omits_title_hidden_at_node()
    {
        await using var fx = await EngineFixture.CreateAsync();
        var flow = TwoSteps().Build();
        flow.Nodes.Single(node => node.Id == "draft").FieldPermissions = new()
        {
            ["orderNo"] = new FieldPermission { Access = FieldPermission.Hidden },
        };
        fx.Definitions.Publish(flow, OrderForm());
        var instance = await fx.StartAsync("order", form: """{"orderNo": "SO-20250303-0001"}""");

        await fx.Engine.UrgeAsync(instance.Id, "alice", null, CancellationToken.None);

        var message = (await UrgesOfAsync(fx, "dave")).Single().Message!;
        Assert.That(message.Get("zh-CN"), Is.EqualTo("填写订单：alice 催办此申请。"));
        Assert.That(message.Get("en"), Is.EqualTo("Fill in the order: alice asks you to handle this submission."));
        Assert.That(message.Get("en"), Does.Not.Contain("SO-20250303-0001"));
    }

    [Test]
    public async Task Urge_without_title_names_submission()
    {
        await using var fx = await CreateAsync();
        var instance = await fx.StartAsync("order");

        await fx.Engine.UrgeAsync(instance.Id, "alice", null, CancellationToken.None);

        var message = (await UrgesOfAsync(fx, "dave")).Single().Message!;
        Assert.That(message.Get("zh-CN"), Is.EqualTo("填写订单：alice 催办此申请。"));
        Assert.That(message.Get("en"), Is.EqualTo("Fill in the order: alice asks you to handle this submission."));
    }

    [Test]
    public async Task Concurrent_urges_notify_once()
    {
        await using var fx = await CreateAsync();
        var instance = await fx.StartAsync("order");

        var urges = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => fx.Engine.UrgeAsync(instance.Id, "alice", null, CancellationToken.None)))
            .ToList();
        var outcomes = await Task.WhenAll(urges.Select(async urge =>
        {
            try
            {
                await urge;
                return "ok";
            }
            catch (InstanceActionException error) when (error.Error == InstanceActionError.UrgedTooRecently)
            {
                return "too soon";
            }
        }));

        Assert.That(outcomes.Count(outcome => outcome == "ok"), Is.EqualTo(1));
        Assert.That(await UrgesOfAsync(fx, "dave"), Has.Count.EqualTo(1));
    }
}
