using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// A site visit report with a required contract attachment, a site photo and the visitor's signature, reviewed by a
/// sales manager.
/// </summary>
public static class FileDefinitions
{
    public const string FormKey = "site-visit";
    public const string FlowKey = "site-visit-review";
    public const string ReviewNode = "review";

    public static FormDefinition Form() => new()
    {
        Key = FormKey,
        Name = new LocalizedText("拜访报告", "Site visit"),
        TitleField = "customer",
        Fields =
        [
            new FieldDefinition { Id = "customer", Type = FieldTypes.Text, Label = new LocalizedText("客户", "Customer"), Required = true },
            new FieldDefinition
            {
                Id = "contract", Type = FieldTypes.Attachment, Label = new LocalizedText("合同", "Contract"), Required = true,
                Multiple = true, Accept = [".pdf", ".docx"], MaxSize = 64 * 1024,
            },
            new FieldDefinition
            {
                Id = "photo", Type = FieldTypes.Image, Label = new LocalizedText("现场照片", "Site photo"), Accept = [".jpg", ".png"],
                MaxSize = 64 * 1024,
            },
            new FieldDefinition { Id = "sign", Type = FieldTypes.Signature, Label = new LocalizedText("签名", "Signature") },
        ],
    };

    public static FlowDefinition Flow() => TestPackages.OneStepFlow(
        FlowKey, new LocalizedText("拜访报告审核", "Site visit review"), FormKey, new LocalizedText("提交", "Submit"),
        new NodeDefinition
        {
            Id = ReviewNode, Type = NodeTypes.Approval, Name = new LocalizedText("经理审核", "Manager review"),
            Assignees = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "sales-manager" }],
            ApprovalMode = ApprovalModes.Single,
        });

    /// <summary>A PDF body small enough for the contract field's 64 KB limit.</summary>
    public static byte[] Pdf { get; } = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

    /// <summary>A 1×1 PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static Task PublishAsync(IDefinitionService definitions, string userId) =>
        TestPackages.PublishAsync(definitions, Form(), Flow(), userId, "site visit");
}
