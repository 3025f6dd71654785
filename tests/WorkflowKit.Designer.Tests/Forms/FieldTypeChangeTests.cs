using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Forms;

namespace WorkflowKit.Designer.Tests.Forms;

/// <summary>Changing a field's type in the form designer removes only the settings that no longer apply.</summary>
public sealed class FieldTypeChangeTests
{
    [Test]
    public void Text_to_number_drops_text_settings()
    {
        var field = new FieldDefinition
        {
            Id = "quantity", Type = FieldTypes.Text, Label = new LocalizedText("数量", "Quantity"), Required = true,
            Pattern = "\\d+", MaxLength = 8, Description = new LocalizedText("Whole units"),
        };

        var dropped = FieldTypeChange.DroppedProperties(field, FieldTypes.Number);
        FieldTypeChange.Apply(field, FieldTypes.Number);

        Assert.That(dropped, Is.EquivalentTo(new[] { "maxLength", "pattern" }));
        Assert.That(field.Type, Is.EqualTo(FieldTypes.Number));
        Assert.That(field.Pattern, Is.Null);
        Assert.That(field.MaxLength, Is.Null);
        Assert.That(field.Required, Is.True);
        Assert.That(field.Description!.Get("en"), Is.EqualTo("Whole units"));
    }

    [Test]
    public void Text_to_long_text_drops_nothing()
    {
        var field = new FieldDefinition { Id = "note", Type = FieldTypes.Text, Pattern = "[A-Z].*", MaxLength = 200 };

        Assert.That(FieldTypeChange.DroppedProperties(field, FieldTypes.LongText), Is.Empty);
    }

    [Test]
    public void Member_to_select_gets_option()
    {
        var field = new FieldDefinition { Id = "owner", Type = FieldTypes.Member, Multiple = true };

        FieldTypeChange.Apply(field, FieldTypes.SingleSelect);

        Assert.That(field.Multiple, Is.False);
        Assert.That(field.Options, Has.Count.EqualTo(1));
    }
}
