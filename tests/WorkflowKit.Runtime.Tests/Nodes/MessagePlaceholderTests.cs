using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Notifications;

namespace WorkflowKit.Runtime.Tests.Nodes;

/// <summary><c>{{form.…}}</c> and <c>{{vars.…}}</c> in notification and CC messages, filled when the node runs.</summary>
public sealed class MessagePlaceholderTests
{
    [Test]
    public async Task Notification_FillsFormAndVars()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("notify")
            .Start()
            .Script("profile", "vars.profile = { overdueCount: 2, warning: 'overdue ' + form.customer };")
            .Node(
                "tell", NodeTypes.Notification, node =>
                {
                    node.Recipients = [new AssigneeRule { Type = AssigneeTypes.User, Value = "bob" }];
                    node.Message = new LocalizedText(
                        "订单 {{form.orderNo}} 客户 {{ form.customer }}", "Order {{form.orderNo}}: {{vars.profile.warning}}, "
                        + "{{vars.profile.overdueCount}} overdue, first line {{form.lines.0.qty}}, ok={{form.urgent}}, "
                        + "missing=[{{form.nothing}}], kept={{other.thing}}");
                })
            .End()
            .Chain("start", "profile", "tell", "end"));

        var instance = await fx.StartAsync(
            "notify", form: """{"orderNo": "SO-7", "customer": "Ruijin", "urgent": true, "lines": [{"qty": 2.5}]}""");

        var notes = await fx.Engine.GetNotificationsAsync("bob", unreadOnly: true, CancellationToken.None);
        Assert.That(notes, Has.Count.EqualTo(1), "notifications for bob");
        Assert.Multiple(() =>
        {
            Assert.That(notes[0].Kind, Is.EqualTo(NotificationKinds.Message));
            Assert.That(notes[0].InstanceId, Is.EqualTo(instance.Id));
            Assert.That(notes[0].Message!.Get("en"), Is.EqualTo(
                "Order SO-7: overdue Ruijin, 2 overdue, first line 2.5, ok=true, missing=[], kept={{other.thing}}"));
            Assert.That(notes[0].Message!.Get("zh-CN"), Is.EqualTo("订单 SO-7 客户 Ruijin"));
        });
    }

    [Test]
    public async Task CarbonCopy_FillsPlaceholders()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("cc")
            .Start()
            .Node("copy", NodeTypes.CarbonCopy, node =>
            {
                node.Recipients = [new AssigneeRule { Type = AssigneeTypes.User, Value = "dave" }];
                node.Message = new LocalizedText("Limit of {{form.customer}} is now {{form.limit}}");
            })
            .End()
            .Chain("start", "copy", "end"));

        await fx.StartAsync("cc", form: """{"customer": "Huashan", "limit": 120000.50}""");

        var notes = await fx.Engine.GetNotificationsAsync("dave", unreadOnly: true, CancellationToken.None);
        Assert.That(notes.Select(note => note.Message!.Get("en")), Is.EqualTo(new[] { "Limit of Huashan is now 120000.50" }));
    }

    [Test]
    public async Task CarbonCopy_HiddenField_RendersEmpty()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("cc")
            .Start()
            .Node("copy", NodeTypes.CarbonCopy, node =>
            {
                node.Recipients = [new AssigneeRule { Type = AssigneeTypes.User, Value = "dave" }];
                node.Message = new LocalizedText("Limit of {{form.customer}} is now {{form.limit}}");
                node.FieldPermissions = new() { ["limit"] = new FieldPermission { Access = FieldPermission.Hidden } };
            })
            .End()
            .Chain("start", "copy", "end"));

        await fx.StartAsync("cc", form: """{"customer": "Huashan", "limit": 120000.50}""");

        var notes = await fx.Engine.GetNotificationsAsync("dave", unreadOnly: true, CancellationToken.None);
        Assert.That(notes.Select(note => note.Message!.Get("en")), Is.EqualTo(new[] { "Limit of Huashan is now " }));
    }
}
