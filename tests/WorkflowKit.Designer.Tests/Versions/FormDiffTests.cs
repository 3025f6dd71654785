using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Designer.Versions;

namespace WorkflowKit.Designer.Tests.Versions;

[TestFixture]
public sealed class FormDiffTests
{
    private static readonly string Original = DefinitionJson.Serialize(OrderDefinitions.Form());

    [Test]
    public void Added_and_removed_fields_are_listed()
    {
        var form = OrderDefinitions.Form();
        form.Fields.RemoveAll(field => field.Id == "note");
        form.Fields.Add(new FieldDefinition { Id = "deliveryNote", Type = FieldTypes.Text, Label = new LocalizedText("送货要求", "Delivery") });

        var diff = FormDiff.Compute(Original, DefinitionJson.Serialize(form));

        Assert.That(diff.AddedFields, Is.EqualTo(new[] { "deliveryNote" }));
        Assert.That(diff.RemovedFields, Is.EqualTo(new[] { "note" }));
        Assert.That(diff.FieldChanges, Is.Empty);
    }

    [Test]
    public void Changed_field_gives_old_and_new_values()
    {
        var form = OrderDefinitions.Form();
        var customer = form.Fields.Single(field => field.Id == "customer");
        customer.MaxLength = 80;
        customer.Label = new LocalizedText("客户名称", "Customer");

        var diff = FormDiff.Compute(Original, DefinitionJson.Serialize(form));

        Assert.That(diff.FieldChanges["customer"], Is.EquivalentTo(new[]
        {
            new ValueChange("maxLength", "60", "80"),
            new ValueChange("label.zh-CN", "客户", "客户名称"),
        }));
    }

    [Test]
    public void Reordered_fields_are_no_change()
    {
        var form = OrderDefinitions.Form();
        form.Fields.Reverse();

        var diff = FormDiff.Compute(Original, DefinitionJson.Serialize(form));

        Assert.That(diff.IsEmpty, Is.True);
    }

    [Test]
    public void Rules_are_compared_by_id()
    {
        var before = OrderDefinitions.Form();
        before.Rules = [new FormRule { Id = "rule1", Message = new LocalizedText("金额过大", "Too large") }];
        var after = OrderDefinitions.Form();
        after.Rules =
        [
            new FormRule { Id = "rule1", Message = new LocalizedText("金额超过上限", "Too large") },
            new FormRule { Id = "rule2", Message = new LocalizedText("需要备注", "Note needed") },
        ];

        var diff = FormDiff.Compute(DefinitionJson.Serialize(before), DefinitionJson.Serialize(after));

        Assert.That(diff.AddedRules, Is.EqualTo(new[] { "rule2" }));
        Assert.That(diff.RuleChanges["rule1"], Is.EqualTo(new[] { new ValueChange("message.zh-CN", "金额过大", "金额超过上限") }));
    }

    [Test]
    public void Renamed_form_is_a_form_change()
    {
        var form = OrderDefinitions.Form();
        form.Name = new LocalizedText("销售订单", "Sales order (new)");

        var diff = FormDiff.Compute(Original, DefinitionJson.Serialize(form));

        Assert.That(diff.FormChanges, Is.EqualTo(new[] { new ValueChange("name.en", "Sales order", "Sales order (new)") }));
    }
}
