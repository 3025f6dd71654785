using System.Text;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
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

    /// <summary>
    /// A purchase-plan form: code (required, "C" and four digits), quantity (required, at least 1), status (required,
    /// default "draft"), arrival (date), buyer (member), team (department), and two rules: "arrival-from-2026" reads
    /// arrival, "quantity-cap" reads quantity only.
    /// </summary>
    public static FormDefinition Plan()
    {
        var code = TestForms.Field("code", FieldTypes.Text, "计划编码", "Plan code");
        code.Required = true;
        code.Pattern = "C\\d{4}";
        var quantity = TestForms.Field("quantity", FieldTypes.Number, "计划数量", "Quantity");
        quantity.Required = true;
        quantity.Min = 1;
        var status = TestForms.Field("status", FieldTypes.SingleSelect, "状态", "Status");
        status.Required = true;
        status.Default = "draft";
        status.Options = [TestForms.Option("draft"), TestForms.Option("approved")];
        return new FormDefinition
        {
            Key = "plan",
            Name = new LocalizedText("采购计划", "Purchase plan"),
            Fields =
            [
                code, quantity, status, TestForms.Field("arrival", FieldTypes.Date, "预计到货", "Arrival"),
                TestForms.Field("buyer", FieldTypes.Member, "采购员", "Buyer"),
                TestForms.Field("team", FieldTypes.Department, "部门", "Team"),
            ],
            Rules =
            [
                new FormRule
                {
                    Id = "arrival-from-2026",
                    Condition = Condition.Script("!form.arrival || form.arrival >= '2026-01-01'"),
                    Message = new LocalizedText("预计到货不能早于 2026 年", "Arrival is in 2026 or later"),
                    Fields = ["arrival"],
                },
                new FormRule
                {
                    Id = "quantity-cap",
                    Condition = Condition.AllOf(new Rule
                    {
                        Field = "quantity", Operator = RuleOperators.LessThanOrEqual, Value = 10000,
                    }),
                    Message = new LocalizedText("计划数量不能超过 10000", "Quantity is at most 10000"),
                    Fields = ["quantity"],
                },
            ],
        };
    }

    public static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));
}
