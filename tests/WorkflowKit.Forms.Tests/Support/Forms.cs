using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Forms.Tests.Support;

/// <summary>Builders of form definitions used across tests.</summary>
public static class TestForms
{
    public static FieldDefinition Field(string id, string type, string zh, string en) =>
        new() { Id = id, Type = type, Label = new LocalizedText(zh, en) };

    /// <summary>A customer form: serial code, name, region, credit limit and price (money), tags.</summary>
    public static FormDefinition Customer()
    {
        var code = Field("code", FieldTypes.Serial, "编号", "Code");
        code.SerialPattern = "C-{yyyyMMdd}-{seq:3}";
        var region = Field("region", FieldTypes.SingleSelect, "区域", "Region");
        region.Options = [Option("east"), Option("west"), Option("north")];
        var tags = Field("tags", FieldTypes.MultiSelect, "标签", "Tags");
        tags.Options = [Option("vip"), Option("hospital"), Option("lab")];
        return new FormDefinition
        {
            Key = "customer",
            Name = new LocalizedText("客户", "Customer"),
            TitleField = "name",
            IndexedFields = ["region", "creditLimit"],
            Fields =
            [
                code,
                Field("name", FieldTypes.Text, "名称", "Name"),
                region,
                Field("creditLimit", FieldTypes.Money, "信用额度", "Credit limit"),
                Field("price", FieldTypes.Money, "价格", "Price"),
                tags,
                Field("note", FieldTypes.LongText, "备注", "Note"),
            ],
        };
    }

    public static FieldOption Option(string value) => new() { Value = value, Label = new LocalizedText(value) };
}
