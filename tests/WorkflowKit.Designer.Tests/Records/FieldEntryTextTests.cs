using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Records;

namespace WorkflowKit.Designer.Tests.Records;

/// <summary>
/// Address, department and datetime values in record lists, details and histories read as text in the tenant zone,
/// never as JSON with \u escapes or as ids.
/// </summary>
[TestFixture]
public sealed class FieldEntryTextTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static FieldDefinition Field(string id, string type) =>
        new() { Id = id, Type = type, Label = new LocalizedText(id) };

    [Test]
    public void Address_reads_as_regions_and_detail()
    {
        var value = new JsonObject
        {
            ["province"] = "上海市", ["city"] = "上海市", ["district"] = "黄浦区", ["detail"] = "南京东路 100 号",
        };

        var text = RecordValueText.Format(Field("site", FieldTypes.Address), value, "zh-CN");

        Assert.That(text, Is.EqualTo("上海市黄浦区 南京东路 100 号"));
    }

    [Test]
    public void Address_without_detail_joins_levels()
    {
        var value = new JsonObject { ["province"] = "浙江省", ["city"] = "杭州市", ["district"] = "西湖区" };

        Assert.That(AddressText.Format(value), Is.EqualTo("浙江省杭州市西湖区"));
    }

    [Test]
    public void Other_object_keeps_Chinese_unescaped()
    {
        var value = new JsonObject { ["name"] = "上海" };

        Assert.That(RecordValueText.Format(Field("file", FieldTypes.Attachment), value, "en"),
            Is.EqualTo("{\"name\":\"上海\"}"));
    }

    [Test]
    public void Department_reads_as_name()
    {
        var departments = new Dictionary<string, string> { ["sales-east"] = "华东销售部" };

        Assert.Multiple(() =>
        {
            Assert.That(RecordValueText.Format(Field("dept", FieldTypes.Department), JsonValue.Create("sales-east"),
                "zh-CN", departments: departments), Is.EqualTo("华东销售部"));
            Assert.That(RecordValueText.Format(Field("dept", FieldTypes.Department), JsonValue.Create("gone"),
                "zh-CN", departments: departments), Is.EqualTo("gone"));
        });
    }

    [Test]
    public void Datetime_reads_in_tenant_zone()
    {
        var value = JsonValue.Create("2026-03-29T02:30:00+01:00");

        var text = RecordValueText.Format(Field("due", FieldTypes.DateTime), value, "zh-CN", zone: Shanghai);

        Assert.That(text, Is.EqualTo("2026-03-29 09:30"));
    }

    [TestCase("2026-03-29T09:30", "2026-03-29T09:30:00+08:00")]
    [TestCase("2026-03-29 09:30:15", "2026-03-29T09:30:15+08:00")]
    [TestCase("2026-03-29T09:30:00+01:00", "2026-03-29T09:30:00+01:00")]
    [TestCase("2026-03-29", null)]
    [TestCase("next Monday", null)]
    public void Datetime_input_gets_tenant_offset(string typed, string? stored)
    {
        Assert.That(DateTimeFieldText.FromInput(typed, Shanghai), Is.EqualTo(stored));
    }

    [Test]
    public void Datetime_input_follows_daylight_saving()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        Assert.Multiple(() =>
        {
            Assert.That(DateTimeFieldText.FromInput("2026-03-28T09:30", berlin), Is.EqualTo("2026-03-28T09:30:00+01:00"));
            Assert.That(DateTimeFieldText.FromInput("2026-03-29T09:30", berlin), Is.EqualTo("2026-03-29T09:30:00+02:00"));
        });
    }
}
