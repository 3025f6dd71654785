using Bunit;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Tests.Admin;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Forms;

/// <summary>The field panel of the form designer: a message edited on the English page keeps its Chinese text.</summary>
public sealed class FieldPropertiesTests : ComponentTestBase
{
    [Test]
    public void English_pattern_message_keeps_chinese()
    {
        var field = new FieldDefinition
        {
            Id = "customer",
            Type = FieldTypes.Text,
            Label = new LocalizedText("客户编码", "Customer code"),
            Pattern = "C\\d{4}",
            PatternMessage = new LocalizedText("客户编码格式为 C 加 4 位数字", "Use C and 4 digits"),
        };
        var form = new FormDefinition { Key = "customer", Fields = [field] };
        var panel = Context.Render<FieldProperties>(parameters => parameters
            .Add(p => p.Field, field)
            .Add(p => p.Form, form));

        TestIds.Input(panel, "field-pattern-message").Change("Customer codes are C followed by 4 digits");

        Assert.That(field.PatternMessage!.Values["zh-CN"], Is.EqualTo("客户编码格式为 C 加 4 位数字"));
        Assert.That(field.PatternMessage.Values["en"], Is.EqualTo("Customer codes are C followed by 4 digits"));
    }

    [Test]
    public async Task Address_level_and_detail_set()
    {
        var field = new FieldDefinition
        {
            Id = "site", Type = FieldTypes.Address, Label = new LocalizedText("收货地址", "Delivery address"),
        };
        var form = new FormDefinition { Key = "shipping", Fields = [field] };
        var panel = Context.Render<FieldProperties>(parameters => parameters
            .Add(p => p.Field, field)
            .Add(p => p.Form, form));
        var level = panel.FindComponents<MudBlazor.MudSelect<string>>()
            .Single(select => select.Instance.Label == "Choose down to");

        await panel.InvokeAsync(() => level.Instance.ValueChanged.InvokeAsync("city"));
        var detail = panel.FindComponents<MudBlazor.MudCheckBox<bool>>()
            .Single(box => box.Instance.Label == "Ask for a detail line (street and number)");
        await panel.InvokeAsync(() => detail.Instance.ValueChanged.InvokeAsync(true));

        Assert.That(field.AddressLevel, Is.EqualTo("city"));
        Assert.That(field.AddressDetail, Is.True);
    }
}
