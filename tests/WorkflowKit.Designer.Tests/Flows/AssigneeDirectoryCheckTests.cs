using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Flows;

/// <summary>
/// The flow designer's warnings for role rules that the organisation directory cannot satisfy: a role without active
/// members, and a where condition on an attribute that no member of the role has.
/// </summary>
[TestFixture]
public sealed class AssigneeDirectoryCheckTests
{
    private static readonly UiText English = new() { Culture = "en" };

    [Test]
    public void Role_without_members_warns()
    {
        var flow = FlowWith(new AssigneeRule { Type = AssigneeTypes.Role, Value = "purchasing" });

        var warnings = AssigneeDirectoryCheck.Check(flow, [User("finance1", RoleNames.Finance)], English);

        var warning = warnings.Single();
        Assert.That(warning.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
        Assert.That(warning.Code, Is.EqualTo(AssigneeDirectoryCheck.RoleWithoutMembers));
        Assert.That(warning.NodeId, Is.EqualTo(OrderDefinitions.ManagerNode));
        Assert.That(warning.Pointer, Is.EqualTo("/nodes/1/assignees/0/value"));
        Assert.That(warning.Message, Is.EqualTo(
            "Node \"Manager approval\": no active user has the role \"purchasing\", so the node would stop at an " +
            "incident. Ask an administrator to add members on the Roles page, or choose another role."));
    }

    [Test]
    public void Disabled_member_does_not_count()
    {
        var flow = FlowWith(new AssigneeRule { Type = AssigneeTypes.Role, Value = RoleNames.Finance });

        var warnings = AssigneeDirectoryCheck.Check(flow, [User("finance1", RoleNames.Finance) with { Disabled = true }], English);

        Assert.That(warnings.Select(warning => warning.Code), Is.EqualTo(new[] { AssigneeDirectoryCheck.RoleWithoutMembers }));
    }

    [Test]
    public void Missing_attribute_warns_in_chinese()
    {
        var flow = FlowWith(new AssigneeRule
        {
            Type = AssigneeTypes.Role, Value = RoleNames.Finance,
            Where = new Dictionary<string, string> { ["region"] = "form.region" },
        });

        var warnings = AssigneeDirectoryCheck.Check(
            flow, [User("finance1", RoleNames.Finance)], new UiText { Culture = "zh-CN" });

        var warning = warnings.Single();
        Assert.That(warning.Code, Is.EqualTo(AssigneeDirectoryCheck.AttributeMissing));
        Assert.That(warning.Pointer, Is.EqualTo("/nodes/1/assignees/0/where/region"));
        Assert.That(warning.Message, Is.EqualTo(
            "节点“经理审批”：角色“finance”的成员都没有用户属性“region”，条件 region = form.region 不会匹配任何人，" +
            "该节点运行时会停在异常事件上。请联系管理员在“用户与角色”页面设置该属性，或删除该条件。"));
    }

    [Test]
    public void Attribute_on_one_member_passes()
    {
        var flow = FlowWith(new AssigneeRule
        {
            Type = AssigneeTypes.Role, Value = RoleNames.Finance,
            Where = new Dictionary<string, string> { ["region"] = "form.region", ["department"] = "'finance'" },
        });
        var users = new[]
        {
            User("finance1", RoleNames.Finance),
            User("finance2", RoleNames.Finance, new Dictionary<string, string> { ["region"] = "north" }),
        };

        var warnings = AssigneeDirectoryCheck.Check(flow, users, English);

        Assert.That(warnings, Is.Empty);
    }

    [Test]
    public void Other_rule_types_are_skipped()
    {
        var flow = FlowWith(
            new AssigneeRule { Type = AssigneeTypes.User, Value = "nobody-here" },
            new AssigneeRule { Type = AssigneeTypes.Department, Value = "no-such-department" });

        Assert.That(AssigneeDirectoryCheck.Check(flow, [], English), Is.Empty);
    }

    [Test]
    public void Recipients_and_escalation_are_checked()
    {
        var flow = FlowWith(new AssigneeRule { Type = AssigneeTypes.Role, Value = RoleNames.Finance });
        var node = flow.Nodes.Single(candidate => candidate.Id == OrderDefinitions.ManagerNode);
        node.Recipients = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "purchasing" }];
        node.Overdue = new OverduePolicy { Action = "escalate", To = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "risk" }] };

        var warnings = AssigneeDirectoryCheck.Check(flow, [User("finance1", RoleNames.Finance)], English);

        Assert.That(warnings.Select(warning => warning.Pointer), Is.EqualTo(new[]
        {
            "/nodes/1/recipients/0/value",
            "/nodes/1/overdue/to/0/value",
        }));
    }

    private static FlowDefinition FlowWith(params AssigneeRule[] rules)
    {
        var flow = OrderDefinitions.Flow();
        flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode).Assignees = [.. rules];
        return flow;
    }

    private static DesignerUser User(string id, string role, Dictionary<string, string>? attributes = null) =>
        new(id, id, id, "finance", [role], attributes ?? [], "zh-CN", false);
}
