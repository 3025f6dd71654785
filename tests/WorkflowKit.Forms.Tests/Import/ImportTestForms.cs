using System.Text;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;

namespace WorkflowKit.Forms.Tests.Import;

internal static class ImportTestForms
{
    /// <summary>A product form: sku (unique), name, price (money), launched (date), stock, category, active.</summary>
    public static FormDefinition Product()
    {
        var sku = TestForms.Field("sku", FieldTypes.Text, "货号", "SKU");
        sku.Unique = true;
        sku.Required = true;
        var name = TestForms.Field("name", FieldTypes.Text, "名称", "Name");
        name.Required = true;
        var price = TestForms.Field("price", FieldTypes.Money, "价格", "Price");
        price.Min = 0;
        var stock = TestForms.Field("stock", FieldTypes.Number, "库存", "Stock");
        stock.Scale = 0;
        var category = TestForms.Field("category", FieldTypes.SingleSelect, "类别", "Category");
        category.Options =
        [
            new FieldOption { Value = "reagent", Label = new LocalizedText("试剂", "Reagent") },
            new FieldOption { Value = "vaccine", Label = new LocalizedText("疫苗", "Vaccine") },
        ];
        return new FormDefinition
        {
            Key = "product",
            Name = new LocalizedText("产品", "Product"),
            Fields =
            [
                sku, name, price, TestForms.Field("launched", FieldTypes.Date, "上市日期", "Launched"), stock, category,
                TestForms.Field("active", FieldTypes.Boolean, "在售", "Active"),
                TestForms.Field("receivedAt", FieldTypes.DateTime, "到货时间", "Received at"),
            ],
        };
    }

    public static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));
}
