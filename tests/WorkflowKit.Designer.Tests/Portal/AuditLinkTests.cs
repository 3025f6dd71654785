using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The audit trail's lines that point outside the instance: a sub-flow it started, a warehouse user's confirmation
/// in that sub-flow, and a record that an automatic step created on that user's behalf.
/// </summary>
[TestFixture]
public sealed class AuditLinkTests : ComponentTestBase
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);

    private static readonly FlowDefinition OrderFlow = new()
    {
        Key = "order",
        Nodes =
        [
            new NodeDefinition { Id = "ship", Type = NodeTypes.SubFlow, Name = new LocalizedText("各仓发货", "Ship per warehouse") },
            new NodeDefinition { Id = "bill", Type = NodeTypes.CreateRecord, Name = new LocalizedText("生成应收", "Create receivable") },
        ],
    };

    private static readonly AuditSubFlow Shipment = new("child-1", new LocalizedText("仓库发货", "Warehouse shipment"), "SO-1")
    {
        Flow = new FlowDefinition
        {
            Key = "shipment",
            Nodes =
            [
                new NodeDefinition
                {
                    Id = "confirm", Type = NodeTypes.FillIn, Name = new LocalizedText("仓库确认发货", "Confirm shipment"),
                },
            ],
        },
        Form = new FormDefinition
        {
            Key = "shipment",
            Fields = [new FieldDefinition { Id = "trackingNo", Type = FieldTypes.Text, Label = new LocalizedText("运单号", "Tracking no.") }],
        },
    };

    private static readonly FormDefinition Receivable = new()
    {
        Key = "receivable",
        Name = new LocalizedText("应收账款", "Receivable"),
        TitleField = "invoiceNo",
        Fields =
        [
            new FieldDefinition { Id = "invoiceNo", Type = FieldTypes.Text, Label = new LocalizedText("单据编号", "Invoice no.") },
            new FieldDefinition { Id = "amount", Type = FieldTypes.Money, Label = new LocalizedText("金额", "Amount") },
        ],
    };

    [TestCase("zh-CN", "系统（代 赵敏）", "子流程 仓库发货 SO-1", "仓库确认发货", "运单号: （空） → SF1", "应收账款 AR-SO-1", "金额 36,126.00")]
    [TestCase("en", "System on behalf of 赵敏", "in the sub-flow Warehouse shipment SO-1", "Confirm shipment",
        "Tracking no.: (empty) → SF1", "Receivable AR-SO-1", "Amount 36,126.00")]
    public void Lines_link_child_and_record(
        string culture, string onBehalf, string fromChild, string childNode, string change, string record, string amount)
    {
        Context.Services.GetRequiredService<UiText>().Culture = culture;
        AuditEntry[] entries =
        [
            new(At, "system", "system", "subflow.started", "ship", null, null) { ChildInstanceId = "child-1", SubFlow = Shipment },
            new(At.AddMinutes(5), "wh-south", "赵敏", "submit", "confirm", null,
                new JsonObject { ["trackingNo"] = new JsonObject { ["old"] = null, ["new"] = "SF1" } })
            {
                SubFlow = Shipment, FromSubFlow = true,
            },
            new(At.AddMinutes(5), "system", "system", "record.created", "bill", null, null)
            {
                OnBehalfOfName = "赵敏",
                Record = new AuditRecord("receivable", 5075)
                {
                    FormName = Receivable.Name, Title = "AR-SO-1", Amounts = new JsonObject { ["amount"] = 36126m }, Form = Receivable,
                },
            },
        ];

        var cut = Context.Render<AuditTrail>(parameters => parameters
            .Add(p => p.Entries, entries)
            .Add(p => p.Flow, OrderFlow));

        // The trail lists the newest line first.
        var actors = cut.FindAll("[data-testid=audit-actor]").Reverse().Select(actor => actor.TextContent).ToList();
        var nodes = cut.FindAll("[data-testid=audit-node]").Reverse().Select(node => Text(node.TextContent)).ToList();
        var links = cut.FindAll("[data-testid=audit-child]");
        Assert.That(actors, Is.EqualTo(new[] { culture == "en" ? "System" : "系统", "赵敏", onBehalf }));
        Assert.That(nodes[1], Is.EqualTo(childNode));
        Assert.That(Text(cut.Find("[data-testid=audit-from-child]").TextContent), Is.EqualTo(fromChild));
        Assert.That(links.Select(link => link.GetAttribute("href")), Has.All.EqualTo("/instances/child-1"));
        Assert.That(cut.Find("[data-testid=audit-change]").TextContent.Trim(), Is.EqualTo(change));
        Assert.That(cut.Find("[data-testid=audit-record-link]").TextContent, Is.EqualTo(record));
        Assert.That(cut.Find("[data-testid=audit-record-link]").GetAttribute("href"), Is.EqualTo("/records/receivable/5075"));
        Assert.That(Text(cut.Find("[data-testid=audit-record-amount]").TextContent), Is.EqualTo(amount));
    }

    [Test]
    public void Unreadable_record_shows_id_only()
    {
        Context.Services.GetRequiredService<UiText>().Culture = "zh-CN";
        AuditEntry[] entries =
        [
            new(At, "system", "system", "record.created", "bill", null, null)
            {
                Record = new AuditRecord("receivable", 5075) { FormName = Receivable.Name },
            },
        ];

        var cut = Context.Render<AuditTrail>(parameters => parameters
            .Add(p => p.Entries, entries)
            .Add(p => p.Flow, OrderFlow));

        Assert.That(cut.Find("[data-testid=audit-record-link]").TextContent, Is.EqualTo("应收账款 #5075"));
        Assert.That(cut.FindAll("[data-testid=audit-record-amount]"), Is.Empty);
        Assert.That(cut.Find("[data-testid=audit-actor]").TextContent, Is.EqualTo("系统"));
    }

    /// <summary>Returns the text after the leading " · " separator of a part of a line.</summary>
    private static string Text(string part) => part.Trim().TrimStart('·').Trim();
}
