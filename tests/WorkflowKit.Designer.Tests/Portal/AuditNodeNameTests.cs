using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The audit trail names each line's node by its name, or by its type in the page's language when it has none, and
/// keeps the node id in the tooltip.
/// </summary>
[TestFixture]
public sealed class AuditNodeNameTests : ComponentTestBase
{
    private static readonly FlowDefinition Flow = new()
    {
        Key = "visit",
        Nodes =
        [
            new NodeDefinition { Id = "start", Type = NodeTypes.Start },
            new NodeDefinition { Id = "review", Type = NodeTypes.Approval, Name = new LocalizedText("经理审批", "Manager review") },
            new NodeDefinition { Id = "okNote", Type = NodeTypes.Notification },
            new NodeDefinition { Id = "blank", Type = NodeTypes.FillIn, Name = new LocalizedText(string.Empty) },
        ],
    };

    [TestCase("zh-CN", new[] { "开始", "经理审批", "通知", "填写", "gone" })]
    [TestCase("en", new[] { "Start", "Manager review", "Notification", "Fill in", "gone" })]
    public void Node_named_or_typed(string culture, string[] expected)
    {
        Context.Services.GetRequiredService<UiText>().Culture = culture;
        var at = new DateTimeOffset(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);
        AuditEntry[] entries =
        [
            new(at, "sales1", "张伟", "start", "start", null, null),
            new(at, "manager", "李娜", "approve", "review", null, null),
            new(at, "system", "system", "node.completed", "okNote", null, null),
            new(at, "sales1", "张伟", "submit", "blank", null, null),
            new(at, "system", "system", "node.completed", "gone", null, null),
        ];

        var cut = Context.Render<AuditTrail>(parameters => parameters
            .Add(p => p.Entries, entries)
            .Add(p => p.Flow, Flow));

        // The trail lists the newest line first.
        var nodes = cut.FindAll("[data-testid=audit-node]").Reverse().ToList();
        Assert.That(nodes.Select(node => node.TextContent.Trim().TrimStart('·').Trim()), Is.EqualTo(expected));
        Assert.That(nodes.Select(node => node.GetAttribute("title")),
            Is.EqualTo(new[] { "start", "review", "okNote", "blank", "gone" }));
    }
}
