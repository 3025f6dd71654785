using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Storage.Tests.Records;

/// <summary>A customer form: serial code, name, region and credit limit (indexed), tags, a flag.</summary>
internal static class CustomerForm
{
    public static FormDefinition Create()
    {
        var code = Field("code", FieldTypes.Serial);
        code.SerialPattern = "C-{yyyyMMdd}-{seq:3}";
        var region = Field("region", FieldTypes.SingleSelect);
        region.Options = [Option("east"), Option("west"), Option("north")];
        var tags = Field("tags", FieldTypes.MultiSelect);
        tags.Options = [Option("vip"), Option("hospital"), Option("lab")];
        return new FormDefinition
        {
            Key = "customer",
            Name = new LocalizedText("客户", "Customer"),
            TitleField = "name",
            IndexedFields = ["region", "creditLimit"],
            Fields =
            [
                code, Field("name", FieldTypes.Text), region, Field("creditLimit", FieldTypes.Money), tags,
                Field("active", FieldTypes.Boolean),
            ],
        };
    }

    private static FieldDefinition Field(string id, string type) =>
        new() { Id = id, Type = type, Label = new LocalizedText(id) };

    private static FieldOption Option(string value) => new() { Value = value, Label = new LocalizedText(value) };
}
