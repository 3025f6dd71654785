using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Outbox;

namespace WorkflowKit.Runtime.Tests.Nodes;

public sealed class IntegrationNodeTests
{
    [Test]
    public async Task Http_Response_FeedsVariable()
    {
        await using var server = new TestHttpServer();
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("call")
            .Start()
            .Node("call", NodeTypes.Http, node =>
            {
                node.Url = server.BaseUrl + "erp";
                node.Body = "({ amount: form.amount })";
                node.ResultVariable = "erp";
            })
            .End()
            .Chain("start", "call", "end"));
        var instance = await fx.StartAsync("call", form: """{"amount": 12.5}""");
        await fx.InstanceRunningAsync(instance.Id);

        await fx.RunDueWorkAsync();

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        var detail = await fx.InstanceAsync(instance.Id);
        Assert.Multiple(() =>
        {
            Assert.That(detail.Instance.Variables["erp"]!["status"]!.GetValue<int>(), Is.EqualTo(200));
            Assert.That(detail.Instance.Variables["erp"]!["body"]!["tracking"]!.GetValue<string>(), Is.EqualTo("T-1"));
            Assert.That(server.Bodies.Single(), Is.EqualTo("""{"amount":12.5}"""));
        });
    }

    [Test]
    public async Task Http_RetriesExhausted_RaisesIncident()
    {
        await using var server = new TestHttpServer { StatusCode = 503 };
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("call")
            .Start()
            .Node("call", NodeTypes.Http, node =>
            {
                node.Url = server.BaseUrl + "erp";
                node.Retry = new RetryPolicy { MaxAttempts = 3, Backoff = "PT1M" };
            })
            .End()
            .Chain("start", "call", "end"));
        var instance = await fx.StartAsync("call");

        await fx.RunDueWorkAsync();
        await fx.AdvanceAsync(TimeSpan.FromMinutes(1));
        await fx.InstanceRunningAsync(instance.Id);
        Assert.That((await fx.InstanceAsync(instance.Id)).Incidents, Is.Empty);
        await fx.AdvanceAsync(TimeSpan.FromMinutes(2));

        var incident = (await fx.InstanceAsync(instance.Id)).Incidents.Single();
        Assert.That(server.Requests, Is.EqualTo(3));
        Assert.That(incident.Message, Is.EqualTo(
            $"HTTP node 'call': GET {server.BaseUrl}erp failed after 3 attempt(s): 503 Service Unavailable. " +
            "Fix the receiver or the node, then retry the incident."));

        server.StatusCode = 200;
        await fx.Engine.RetryIncidentAsync(incident.Id, "admin", CancellationToken.None);
        await fx.RunDueWorkAsync();
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public async Task Notification_Channel_UsesOutbox()
    {
        var channel = new RecordingChannel();
        await using var fx = await EngineFixture.CreateAsync(configure: fixture => fixture.Channels.Add(channel));
        fx.Publish(new FlowBuilder("notify")
            .Start()
            .Node("mail", NodeTypes.Notification, node =>
            {
                node.Channel = "email";
                node.Recipients = [new AssigneeRule { Type = AssigneeTypes.Initiator }];
                node.Message = new LocalizedText("审批通过", "Approved");
            })
            .End()
            .Chain("start", "mail", "end"));
        var instance = await fx.StartAsync("notify", "bob");

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        Assert.That(channel.Delivered, Is.Empty, "delivery happens after the commit, from the outbox");
        await fx.RunDueWorkAsync();

        var (payload, key) = channel.Delivered.Single();
        Assert.Multiple(async () =>
        {
            Assert.That(payload["recipients"]!.ToJsonString(), Is.EqualTo("""["bob"]"""));
            Assert.That(payload["message"]!["en"]!.GetValue<string>(), Is.EqualTo("Approved"));
            Assert.That(key, Is.EqualTo((await fx.Engine.GetOutboxAsync(instance.Id, CancellationToken.None)).Single().IdempotencyKey));
            var inApp = await fx.Engine.GetNotificationsAsync("bob", true, CancellationToken.None);
            Assert.That(inApp.Single().Message!.Get("zh-CN"), Is.EqualTo("审批通过"));
        });
    }

    // carol is the one user of role finance in the test organization.
    [TestCase("nobody-role", "bob")]
    [TestCase("finance", "carol")]
    public async Task Notification_Fallback_OnlyWhenNobody(string role, string expected)
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("notify")
            .Start()
            .Node("tell", NodeTypes.Notification, node =>
            {
                node.Recipients = [new AssigneeRule { Type = AssigneeTypes.Role, Value = role }];
                node.FallbackRecipients = [new AssigneeRule { Type = AssigneeTypes.User, Value = "bob" }];
                node.Message = new LocalizedText("通知", "Notice");
            })
            .End()
            .Chain("start", "tell", "end"));

        var instance = await fx.StartAsync("notify", "alice");

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        foreach (var user in new[] { "bob", "carol" })
        {
            var notices = await fx.Engine.GetNotificationsAsync(user, false, CancellationToken.None);
            Assert.That(notices, Has.Count.EqualTo(user == expected ? 1 : 0), user);
        }
    }

    [Test]
    public async Task Notification_FallbackNobody_RaisesIncident()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("notify")
            .Start()
            .Node("tell", NodeTypes.Notification, node =>
            {
                node.Recipients = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "nobody-role" }];
                node.FallbackRecipients = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "empty-role" }];
            })
            .End()
            .Chain("start", "tell", "end"));

        var instance = await fx.StartAsync("notify", "alice");

        var incident = (await fx.InstanceAsync(instance.Id)).Incidents.Single();
        Assert.That(incident.Message, Is.EqualTo(
            "Node 'tell' (notification) resolved no recipient: rule role 'nobody-role'; rule role 'empty-role' matched " +
            "nobody. Fix the organisation data or the node's rules, then retry the incident."));
    }

    [Test]
    public async Task SubFlow_ParentWaits_GetsOutput()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("check")
            .Start().Approval("verify", "carol").Script("score", "form.score = form.amount / 10").End()
            .Chain("start", "verify", "score", "end"));
        fx.Publish(new FlowBuilder("parent")
            .Start()
            .Node("child", NodeTypes.SubFlow, node =>
            {
                node.Flow = "check";
                node.Input = new() { ["amount"] = "form.total" };
                node.ResultVariable = "check";
            })
            .Approval("decide", "dave")
            .End()
            .Chain("start", "child", "decide", "end"));
        var parent = await fx.StartAsync("parent", form: """{"total": 300}""");

        var child = (await fx.Engine.QueryInstancesAsync(
            new Instances.InstanceQuery { ParentInstanceId = parent.Id }, CancellationToken.None)).Single();
        await fx.ActAsync(await fx.TaskAssignedToAsync(child.Id, "verify", "carol"), "approve");

        await fx.InstanceEndedWithAsync(child.Id, "end");
        await fx.TaskAssignedToAsync(parent.Id, "decide", "dave");
        var vars = (await fx.InstanceAsync(parent.Id)).Instance.Variables;
        Assert.That(vars["check"]!["form"]!["score"]!.GetValue<decimal>(), Is.EqualTo(30m));
        Assert.That(vars["check"]!["status"]!.GetValue<string>(), Is.EqualTo("completed"));
    }

    [Test]
    public async Task SubFlow_EndsAtOnce_ParentContinues()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("auto").Start().Script("calc", "form.x = 2").End().Chain("start", "calc", "end"));
        fx.Publish(new FlowBuilder("parent")
            .Start().Node("child", NodeTypes.SubFlow, node => { node.Flow = "auto"; node.ResultVariable = "auto"; }).End()
            .Chain("start", "child", "end"));

        var parent = await fx.StartAsync("parent");

        await fx.InstanceEndedWithAsync(parent.Id, "end");
        var vars = (await fx.InstanceAsync(parent.Id)).Instance.Variables;
        Assert.That(vars["auto"]!["form"]!["x"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task SubFlow_ParentWithdrawn_CancelsChild()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("check").Start().Approval("verify", "carol").End().Chain("start", "verify", "end"));
        fx.Publish(new FlowBuilder("parent")
            .Start().Node("child", NodeTypes.SubFlow, node => node.Flow = "check").End().Chain("start", "child", "end"));
        var parent = await fx.StartAsync("parent");
        var child = (await fx.Engine.QueryInstancesAsync(
            new Instances.InstanceQuery { ParentInstanceId = parent.Id }, CancellationToken.None)).Single();

        await fx.Engine.WithdrawAsync(parent.Id, "alice", null, CancellationToken.None);

        await fx.InstanceEndedWithAsync(child.Id, null!, status: InstanceStatuses.Cancelled);
        await fx.NoOpenTasksAsync(child.Id);
    }

    [Test]
    public async Task AutomaticLoop_RaisesIncident()
    {
        await using var fx = await EngineFixture.CreateAsync(configure: fixture => fixture.Options.MaxNodesPerStep = 50);
        fx.Publish(new FlowBuilder("spin")
            .Start().Script("a", "vars.n = (vars.n || 0) + 1").Script("b", "1").End()
            .Chain("start", "a", "b").Edge("b", "a", when: "true", priority: 1).Edge("b", "end", isDefault: true));

        var instance = await fx.StartAsync("spin");

        var incident = (await fx.InstanceAsync(instance.Id)).Incidents.Single();
        Assert.That(incident.Kind, Is.EqualTo("loop"));
    }

    private sealed class RecordingChannel : INotificationChannel
    {
        public string Name => "email";

        public List<(JsonObject Payload, string Key)> Delivered { get; } = [];

        public Task DeliverAsync(JsonObject payload, string idempotencyKey, CancellationToken cancellationToken)
        {
            Delivered.Add((payload, idempotencyKey));
            return Task.CompletedTask;
        }
    }
}
