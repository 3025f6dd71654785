using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Records;

namespace WorkflowKit.Designer.Tests.Records;

/// <summary>
/// Member fields in record lists and details read as people's names, not their user ids, and money reads with two
/// decimals and thousands separators.
/// </summary>
[TestFixture]
public sealed class RecordValueTextTests
{
    private static readonly FieldDefinition SalesRep = new()
    {
        Id = "salesRep", Type = FieldTypes.Member, Label = new LocalizedText("销售代表", "Sales rep"),
    };

    private static readonly Dictionary<string, string> People = new(StringComparer.Ordinal)
    {
        ["sales-west-1"] = "赵磊 Zhao Lei",
        ["sales-east-1"] = "何明 He Ming",
    };

    [Test]
    public void Member_reads_as_name()
    {
        var text = RecordValueText.Format(SalesRep, JsonValue.Create("sales-west-1"), "zh-CN", People);

        Assert.That(text, Is.EqualTo("赵磊 Zhao Lei"));
    }

    [Test]
    public void Several_members_read_as_names()
    {
        var text = RecordValueText.Format(SalesRep, new JsonArray("sales-east-1", "sales-west-1"), "en", People);

        Assert.That(text, Is.EqualTo("何明 He Ming, 赵磊 Zhao Lei"));
    }

    [Test]
    public void Unknown_member_keeps_id()
    {
        var text = RecordValueText.Format(SalesRep, JsonValue.Create("sales-north-9"), "en", People);

        Assert.That(text, Is.EqualTo("sales-north-9"));
    }

    [TestCase("zh-CN", 2, "2 行")]
    [TestCase("en", 2, "2 lines")]
    [TestCase("en", 1, "1 line")]
    [TestCase("en", 0, "0 lines")]
    public void Sub_table_reads_as_row_count(string culture, int rows, string expected)
    {
        var lines = new FieldDefinition
        {
            Id = "lines", Type = FieldTypes.SubTable, Label = new LocalizedText("订单明细", "Lines"),
        };
        var value = new JsonArray([.. Enumerable.Range(0, rows).Select(_ => (JsonNode?)new JsonObject { ["sku"] = "P-1" })]);

        var text = RecordValueText.Format(lines, value, culture, People);

        Assert.That(text, Is.EqualTo(expected));
    }

    [TestCase("5760", "5,760.00")]
    [TestCase("24739.2", "24,739.20")]
    [TestCase("198939.5", "198,939.50")]
    [TestCase("-0.5", "-0.50")]
    public void Formula_total_reads_as_money(string stored, string expected)
    {
        var total = new FieldDefinition
        {
            Id = "total", Type = FieldTypes.Formula, Label = new LocalizedText("订单合计", "Total"), Scale = 2,
            Currency = "CNY",
        };

        Assert.That(RecordValueText.Format(total, JsonNode.Parse(stored), "zh-CN"), Is.EqualTo(expected));
        Assert.That(RecordValueText.Format(total, JsonNode.Parse(stored), "en"), Is.EqualTo(expected));
    }

    [Test]
    public void Money_reads_with_two_decimals()
    {
        var price = new FieldDefinition { Id = "unitPrice", Type = FieldTypes.Money, Label = new LocalizedText("单价") };

        Assert.That(RecordValueText.Format(price, JsonValue.Create(1234567.5m), "en"), Is.EqualTo("1,234,567.50"));
    }

    [Test]
    public void Plain_number_stays_unformatted()
    {
        var quantity = new FieldDefinition { Id = "quantity", Type = FieldTypes.Number, Label = new LocalizedText("数量") };

        Assert.That(RecordValueText.Format(quantity, JsonValue.Create(5760), "en"), Is.EqualTo("5760"));
    }
}
