using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Designer.Records;

namespace WorkflowKit.Designer.Tests.Records;

[TestFixture]
public sealed class RecordColumnsTests
{
    [Test]
    public void Serial_field_is_not_a_second_column()
    {
        var form = Form();

        var columns = RecordColumns.Choose(form, view: null).Select(field => field.Id).ToList();

        Assert.That(RecordColumns.SerialField(form)?.Id, Is.EqualTo("orderNo"));
        Assert.That(columns, Is.EqualTo(new[] { "customer", "total" }));
    }

    [Test]
    public void View_columns_skip_serial_field()
    {
        var view = new ViewDefinition { Key = "v", Form = "order", Columns = ["orderNo", "total", "missing"] };

        var columns = RecordColumns.Choose(Form(), view).Select(field => field.Id).ToList();

        Assert.That(columns, Is.EqualTo(new[] { "total" }));
    }

    [Test]
    public void Form_without_serial_field_keeps_all()
    {
        var form = Form();
        form.Fields.RemoveAt(0);

        Assert.That(RecordColumns.SerialField(form), Is.Null);
        Assert.That(RecordColumns.Choose(form, view: null), Has.Count.EqualTo(2));
    }

    private static FormDefinition Form() => new()
    {
        Key = "order",
        Name = new LocalizedText("订单", "Order"),
        Fields =
        [
            new FieldDefinition { Id = "orderNo", Type = FieldTypes.Serial, Label = new LocalizedText("订单编号", "Order no.") },
            new FieldDefinition { Id = "customer", Type = FieldTypes.Text, Label = new LocalizedText("客户", "Customer") },
            new FieldDefinition { Id = "lines", Type = FieldTypes.SubTable, Label = new LocalizedText("明细", "Lines") },
            new FieldDefinition { Id = "total", Type = FieldTypes.Money, Label = new LocalizedText("金额", "Total") },
        ],
    };
}
