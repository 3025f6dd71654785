using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// A site visit request with a datetime (at the latest 2027-06-30 18:00 in Shanghai), an address with a detail line and
/// a department, whose manager approval is due at the visit time (a deadline read from the datetime field).
/// </summary>
public static class FieldEntryDefinitions
{
    public const string FormKey = "site-visit";

    public const string FlowKey = "site-visit";

    public static FormDefinition Form() => new()
    {
        Key = FormKey,
        Name = new LocalizedText("现场拜访", "Site visit"),
        TitleField = "subject",
        Fields =
        [
            new FieldDefinition
            {
                Id = "subject", Type = FieldTypes.Text, Required = true, Label = new LocalizedText("主题", "Subject"),
            },
            new FieldDefinition
            {
                Id = "visitAt", Type = FieldTypes.DateTime, Required = true, Max = "2027-06-30T18:00:00+08:00",
                Label = new LocalizedText("拜访时间", "Visit at"),
            },
            new FieldDefinition
            {
                Id = "site", Type = FieldTypes.Address, Required = true, AddressLevel = "district", AddressDetail = true,
                Label = new LocalizedText("拜访地址", "Site"),
            },
            new FieldDefinition
            {
                Id = "dept", Type = FieldTypes.Department, Required = true,
                Label = new LocalizedText("负责部门", "Department"),
            },
        ],
    };

    public static FlowDefinition Flow() => new()
    {
        Key = FlowKey,
        Name = new LocalizedText("现场拜访审批", "Site visit approval"),
        Form = FormKey,
        Nodes =
        [
            new NodeDefinition { Id = "start", Type = NodeTypes.Start, Name = new LocalizedText("提交", "Submit"), Position = new NodePosition { X = 40, Y = 160 } },
            new NodeDefinition
            {
                Id = "approve", Type = NodeTypes.Approval, Name = new LocalizedText("经理审批", "Manager approval"),
                Position = new NodePosition { X = 300, Y = 160 },
                Assignees = [new AssigneeRule { Type = AssigneeTypes.User, Value = "manager" }],
                ApprovalMode = ApprovalModes.Single,
                Deadline = new DeadlineDefinition { Field = "visitAt" },
            },
            new NodeDefinition { Id = "end", Type = NodeTypes.End, Name = new LocalizedText("结束", "End"), Position = new NodePosition { X = 560, Y = 160 } },
        ],
        Edges =
        [
            new EdgeDefinition { Id = "e1", From = "start", To = "approve" },
            new EdgeDefinition { Id = "e2", From = "approve", To = "end" },
        ],
    };

    /// <summary>Saves and publishes the form and the flow as the given user.</summary>
    public static async Task PublishAsync(IDefinitionService definitions, string userId)
    {
        await definitions.SaveDraftAsync(DefinitionKind.Form, FormKey, DefinitionJson.Serialize(Form()), null, userId, default);
        await definitions.PublishAsync(DefinitionKind.Form, FormKey, userId, null, default);
        await definitions.SaveDraftAsync(DefinitionKind.Flow, FlowKey, DefinitionJson.Serialize(Flow()), null, userId, default);
        var result = await definitions.PublishAsync(DefinitionKind.Flow, FlowKey, userId, null, default);
        if (!result.Published)
        {
            throw new InvalidOperationException(
                "The site visit flow did not publish: " + string.Join("; ", result.Diagnostics.Select(d => d.Message)));
        }
    }
}
