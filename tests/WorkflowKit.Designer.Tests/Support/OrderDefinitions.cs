using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>A sales order form and a one-step approval flow, the starting point of the scenarios.</summary>
public static class OrderDefinitions
{
    public const string FormKey = "sales-order";
    public const string FlowKey = "order-approval";
    public const string ManagerNode = "manager-approval";

    /// <summary>The script step of <see cref="FlowWithScript"/>.</summary>
    public const string ScriptNode = "set-region";

    /// <summary>The notification node of <see cref="FlowWithCreditHoldNotice"/>.</summary>
    public const string NoticeNode = "credit-hold-notice";

    public static FormDefinition Form() => new()
    {
        Key = FormKey,
        Name = new LocalizedText("销售订单", "Sales order"),
        TitleField = "customer",
        Fields =
        [
            new FieldDefinition { Id = "customer", Type = FieldTypes.Text, Label = new LocalizedText("客户", "Customer"), Required = true, MaxLength = 60 },
            new FieldDefinition
            {
                Id = "region", Type = FieldTypes.SingleSelect, Label = new LocalizedText("区域", "Region"), Required = true,
                Options =
                [
                    new FieldOption { Value = "east", Label = new LocalizedText("华东", "East") },
                    new FieldOption { Value = "north", Label = new LocalizedText("华北", "North") },
                ],
            },
            new FieldDefinition { Id = "total", Type = FieldTypes.Money, Label = new LocalizedText("订单金额", "Order total"), Required = true, Min = JsonValue.Create(0m), Scale = 2 },
            new FieldDefinition { Id = "note", Type = FieldTypes.LongText, Label = new LocalizedText("备注", "Note") },
        ],
    };

    public static FlowDefinition Flow() => TestPackages.OneStepFlow(
        FlowKey, new LocalizedText("订单审批", "Order approval"), FormKey, new LocalizedText("提交订单", "Submit order"),
        new NodeDefinition
        {
            Id = ManagerNode, Type = NodeTypes.Approval, Name = new LocalizedText("经理审批", "Manager approval"),
            Assignees = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "sales-manager" }],
            ApprovalMode = ApprovalModes.Single,
            FieldPermissions = new() { ["note"] = new FieldPermission { Access = FieldPermission.Editable } },
            Deadline = new DeadlineDefinition { Duration = "P2D" },
        });

    /// <summary>
    /// The order flow with a script step before the manager's approval, as an automatic step that changes the form.
    /// The default script sets the region to north.
    /// </summary>
    public static FlowDefinition FlowWithScript(string script = "form.region = 'north';")
    {
        var flow = Flow();
        flow.Nodes.Add(new NodeDefinition
        {
            Id = ScriptNode, Type = NodeTypes.Script, Name = new LocalizedText("设置区域", "Set region"),
            Position = new NodePosition { X = 170, Y = 160 },
            Script = script,
        });
        flow.Edges =
        [
            new EdgeDefinition { Id = "e1", From = "start", To = ScriptNode },
            new EdgeDefinition { Id = "e3", From = ScriptNode, To = ManagerNode },
            .. flow.Edges.Where(edge => edge.Id != "e1"),
        ];
        return flow;
    }

    /// <summary>
    /// The order flow with a notification node before the manager's approval, which tells sales1 that credit holds the
    /// order of the submitted customer.
    /// </summary>
    public static FlowDefinition FlowWithCreditHoldNotice()
    {
        var flow = Flow();
        flow.Nodes.Add(new NodeDefinition
        {
            Id = NoticeNode, Type = NodeTypes.Notification, Name = new LocalizedText("信用拦截通知", "Credit hold notice"),
            Position = new NodePosition { X = 170, Y = 160 },
            Recipients = [new AssigneeRule { Type = AssigneeTypes.User, Value = "sales1" }],
            Message = new LocalizedText("订单 {{form.customer}} 被信用审核拦截", "Order for {{form.customer}} is held by credit"),
        });
        flow.Edges =
        [
            new EdgeDefinition { Id = "e1", From = "start", To = NoticeNode },
            new EdgeDefinition { Id = "e3", From = NoticeNode, To = ManagerNode },
            .. flow.Edges.Where(edge => edge.Id != "e1"),
        ];
        return flow;
    }

    /// <summary>
    /// The order flow whose manager approval is due after its <c>P2D</c> deadline, with a reminder an hour before and
    /// <paramref name="overdue"/> at the deadline.
    /// </summary>
    public static FlowDefinition FlowWithOverdue(OverduePolicy overdue)
    {
        var flow = Flow();
        var manager = flow.Nodes.Single(node => node.Id == ManagerNode);
        manager.Reminders = [new ReminderDefinition { Before = "PT1H" }];
        manager.Overdue = overdue;
        return flow;
    }

    /// <summary>Saves and publishes the form and flow v1 (<see cref="Flow"/> unless given) as the given user.</summary>
    public static Task PublishAsync(IDefinitionService definitions, string userId, FlowDefinition? flow = null) =>
        TestPackages.PublishAsync(definitions, Form(), flow ?? Flow(), userId, "scenario");
}
