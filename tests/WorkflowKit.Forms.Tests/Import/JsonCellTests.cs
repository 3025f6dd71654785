using System.Globalization;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>Cells of sub-table, attachment, image and address fields hold JSON, and invalid JSON is named in place.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class JsonCellTests
{
    private const string TrailingComma = """[{"sku": "A1", "qty": 2,}]""";

    [Test]
    public void Invalid_json_cell_names_column_and_fix()
    {
        var converter = new ImportValueConverter(CultureInfo.GetCultureInfo("en"), TimeZoneInfo.Utc);

        var converted = converter.TryConvert(Lines(), TrailingComma, out _, out var reason);

        Assert.That(converted, Is.False);
        Assert.That(reason, Is.EqualTo(
            "is not valid JSON at line 1, column 25 of the cell: a comma follows the last property of the object. " +
            "Remove that comma"));
    }

    [Test]
    public void Invalid_json_cell_in_chinese()
    {
        var converter = new ImportValueConverter(CultureInfo.GetCultureInfo("zh-CN"), TimeZoneInfo.Utc);

        var converted = converter.TryConvert(Lines(), TrailingComma, out _, out var reason);

        Assert.That(converted, Is.False);
        Assert.That(reason, Is.EqualTo("不是有效的 JSON：单元格内第 1 行第 25 列对象的最后一个属性后面多了逗号。请删除这个逗号"));
    }

    [Test]
    public void Valid_json_cell_converts()
    {
        var converter = new ImportValueConverter(CultureInfo.GetCultureInfo("en"), TimeZoneInfo.Utc);

        var converted = converter.TryConvert(Lines(), """[{"sku": "A1", "qty": 2}]""", out var value, out var reason);

        Assert.That(converted, Is.True);
        Assert.That(reason, Is.Null);
        Assert.That(value!.ToJsonString(), Is.EqualTo("""[{"sku":"A1","qty":2}]"""));
    }

    private static FieldDefinition Lines() => TestForms.Field("lines", FieldTypes.SubTable, "明细", "Lines");
}
