using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
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

    public static FlowDefinition Flow() => TestPackages.OneStepFlow(
        FlowKey, new LocalizedText("现场拜访审批", "Site visit approval"), FormKey, new LocalizedText("提交", "Submit"),
        new NodeDefinition
        {
            Id = "approve", Type = NodeTypes.Approval, Name = new LocalizedText("经理审批", "Manager approval"),
            Assignees = [new AssigneeRule { Type = AssigneeTypes.User, Value = "manager" }],
            ApprovalMode = ApprovalModes.Single,
            Deadline = new DeadlineDefinition { Field = "visitAt" },
        });

    /// <summary>Saves and publishes the form and the flow as the given user.</summary>
    public static Task PublishAsync(IDefinitionService definitions, string userId) =>
        TestPackages.PublishAsync(definitions, Form(), Flow(), userId, "site visit");
}
