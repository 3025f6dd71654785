using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
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

    public static FlowDefinition Flow() => new()
    {
        Key = FlowKey,
        Name = new LocalizedText("拜访报告审核", "Site visit review"),
        Form = FormKey,
        Nodes =
        [
            new NodeDefinition { Id = "start", Type = NodeTypes.Start, Name = new LocalizedText("提交", "Submit"), Position = new NodePosition { X = 40, Y = 160 } },
            new NodeDefinition
            {
                Id = ReviewNode, Type = NodeTypes.Approval, Name = new LocalizedText("经理审核", "Manager review"),
                Position = new NodePosition { X = 300, Y = 160 },
                Assignees = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "sales-manager" }],
                ApprovalMode = ApprovalModes.Single,
            },
            new NodeDefinition { Id = "end", Type = NodeTypes.End, Name = new LocalizedText("结束", "End"), Position = new NodePosition { X = 560, Y = 160 } },
        ],
        Edges =
        [
            new EdgeDefinition { Id = "e1", From = "start", To = ReviewNode },
            new EdgeDefinition { Id = "e2", From = ReviewNode, To = "end" },
        ],
    };

    /// <summary>A PDF body small enough for the contract field's 64 KB limit.</summary>
    public static byte[] Pdf { get; } = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

    /// <summary>A 1×1 PNG.</summary>
    public static byte[] Png { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

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
