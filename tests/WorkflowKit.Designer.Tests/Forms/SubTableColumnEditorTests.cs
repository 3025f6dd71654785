using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Tests.Admin;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Forms;

/// <summary>
/// The columns of a sub-table in the form designer: they are added with a type from a list and edited with the same
/// field editor as top-level fields, and a definition with columns loads and saves unchanged.
/// </summary>
public sealed class SubTableColumnEditorTests : ComponentTestBase
{
    private const string FormJson = """
        {
          "formatVersion": 1, "kind": "form", "key": "order", "name": { "zh-CN": "订单", "en": "Order" },
          "fields": [
            { "id": "customer", "type": "text", "label": "Customer" },
            { "id": "lines", "type": "subTable", "label": { "zh-CN": "明细", "en": "Lines" }, "minRows": 1,
              "fields": [
                { "id": "product", "type": "singleSelect", "label": { "zh-CN": "产品", "en": "Product" }, "required": true,
                  "options": [ { "value": "ivd", "label": "IVD" }, { "value": "reagent", "label": "Reagent" } ] },
                { "id": "batch", "type": "text", "label": "Batch", "unique": true, "uniqueAcrossRecords": true,
                  "maxLength": 20, "pattern": "[A-Z0-9]+" },
                { "id": "quantity", "type": "number", "label": "Quantity", "required": true, "min": 1, "max": 500,
                  "scale": 0 }
              ],
              "rowRules": [ { "id": "r1", "condition": { "javaScript": "row.quantity > 0" }, "message": "Positive" } ] }
          ]
        }
        """;

    [Test]
    public void Column_added_with_chosen_type()
    {
        var form = DefinitionJson.Deserialize<FormDefinition>(FormJson);
        var table = form.Fields[1];
        var cut = Render(form, table);
        var type = cut.FindComponents<MudBlazor.MudSelect<string>>()
            .Single(select => select.Instance.Label == "Column type");

        cut.InvokeAsync(() => type.Instance.ValueChanged.InvokeAsync(FieldTypes.Money));
        cut.Find("[data-testid=add-column]").Click();

        var added = table.Fields![^1];
        Assert.That(added.Type, Is.EqualTo(FieldTypes.Money));
        Assert.That(added.Id, Is.EqualTo("money4"));
        Assert.That(added.Label.Get("en"), Is.EqualTo("Untitled column 4"));
        Assert.That(cut.Find("[data-testid=column-properties]").GetAttribute("data-field-id"), Is.EqualTo("money4"));
    }

    [Test]
    public void Column_type_list_has_no_sub_table()
    {
        var form = DefinitionJson.Deserialize<FormDefinition>(FormJson);
        var cut = Render(form, form.Fields[1]);
        var type = cut.FindComponents<MudBlazor.MudSelect<string>>()
            .Single(select => select.Instance.Label == "Column type");

        cut.InvokeAsync(() => type.Instance.OpenMenu());
        var names = Popovers.FindAll(".mud-list-item").Select(item => item.TextContent.Trim()).ToList();

        Assert.That(names, Does.Contain("Money"));
        Assert.That(names, Does.Contain("Single select"));
        Assert.That(names, Does.Not.Contain("Sub-table"));
    }

    [Test]
    public void Column_rules_set_through_field_editor()
    {
        var form = DefinitionJson.Deserialize<FormDefinition>(FormJson);
        var table = form.Fields[1];
        var changes = 0;
        var cut = Render(form, table, () => changes++);

        cut.FindAll("[data-testid=column-item]")
            .Single(item => item.TextContent.Contains("Quantity", StringComparison.Ordinal))
            .QuerySelector("button")!.Click();
        var column = cut.Find("[data-testid=column-properties]");
        Assert.That(column.GetAttribute("data-field-id"), Is.EqualTo("quantity"));
        var editor = cut.FindComponents<FieldProperties>().Single(panel => panel.Instance.IsColumn);
        var maximum = editor.FindComponents<MudBlazor.MudNumericField<decimal?>>()
            .Single(box => box.Instance.Label == "Maximum");
        cut.InvokeAsync(() => maximum.Instance.ValueChanged.InvokeAsync(1000m));
        TestIds.Input(editor, "field-required").Change(false);
        TestIds.Input(editor, "field-id").Input("qty");

        var quantity = table.Fields![2];
        Assert.That(quantity.Id, Is.EqualTo("qty"));
        Assert.That(quantity.Max!.GetValue<decimal>(), Is.EqualTo(1000m));
        Assert.That(quantity.Required, Is.False);
        Assert.That(changes, Is.EqualTo(3));
        Assert.That(form.Fields[0].Max, Is.Null);
    }

    [Test]
    public void Unique_across_records_ticks_unique()
    {
        var form = DefinitionJson.Deserialize<FormDefinition>(FormJson);
        var table = form.Fields[1];
        var cut = Render(form, table);

        var editor = cut.FindComponents<FieldProperties>().Single(panel => panel.Instance.IsColumn);
        TestIds.Input(editor, "field-unique-across-records").Change(true);

        Assert.That(table.Fields![0].UniqueAcrossRecords, Is.True);
        Assert.That(table.Fields[0].Unique, Is.True);
    }

    [Test]
    public void Column_deleted_and_selection_moves()
    {
        var form = DefinitionJson.Deserialize<FormDefinition>(FormJson);
        var table = form.Fields[1];
        var cut = Render(form, table);

        cut.Find("[data-testid=delete-column]").Click();

        Assert.That(table.Fields!.Select(column => column.Id), Is.EqualTo(new[] { "batch", "quantity" }));
        Assert.That(cut.Find("[data-testid=column-properties]").GetAttribute("data-field-id"), Is.EqualTo("batch"));
        Assert.That(cut.FindAll("[data-testid=delete-field]"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Columns_load_and_save_unchanged()
    {
        var form = DefinitionJson.Deserialize<FormDefinition>(FormJson);
        var before = DefinitionJson.Serialize(form);
        var cut = Render(form, form.Fields[1]);

        for (var i = 0; i < form.Fields[1].Fields!.Count; i++)
        {
            cut.FindAll("[data-testid=column-item]")[i].QuerySelector("button")!.Click();
            Assert.That(cut.Find("[data-testid=column-properties]").GetAttribute("data-field-id"),
                Is.EqualTo(form.Fields[1].Fields![i].Id));
        }

        Assert.That(DefinitionJson.Serialize(form), Is.EqualTo(before));
        Assert.That(before, Does.Contain("\"uniqueAcrossRecords\": true"));
        Assert.That(before, Does.Contain("\"rowRules\""));
    }

    [Test]
    public void Empty_sub_table_keeps_missing_columns()
    {
        var form = new FormDefinition
        {
            Key = "visit",
            Fields = [new FieldDefinition { Id = "rows", Type = FieldTypes.SubTable, Label = new LocalizedText("Rows") }],
        };
        var before = DefinitionJson.Serialize(form);

        Render(form, form.Fields[0]);

        Assert.That(form.Fields[0].Fields, Is.Null);
        Assert.That(DefinitionJson.Serialize(form), Is.EqualTo(before));
    }

    [Test]
    public void Invalid_column_id_explained_with_suggestion()
    {
        Context.Services.GetRequiredService<UiText>().Culture = "zh-CN";
        var form = DefinitionJson.Deserialize<FormDefinition>(FormJson);
        var table = form.Fields[1];
        table.Fields![0].Id = "产品 1";
        var cut = Render(form, table);
        var editor = cut.FindComponents<FieldProperties>().Single(panel => panel.Instance.IsColumn);

        Assert.That(editor.Find(".mud-input-helper-text.mud-input-error").TextContent, Is.EqualTo(
            "编号“产品 1”不能使用。编号在公式、条件、导出数据和 API 中代表这个字段，因此只能包含英文字母、数字和“_”，" +
            "必须以字母开头，最多 64 个字符，例如“product”。"));
        editor.Find("[data-testid=use-suggested-id]").Click();

        Assert.That(table.Fields[0].Id, Is.EqualTo("product"));
    }

    [Test]
    public void New_field_label_is_not_type_name()
    {
        var chinese = new UiText { Culture = "zh-CN" };
        var fields = new List<FieldDefinition>
        {
            new() { Id = "text1", Type = FieldTypes.Text, Label = new LocalizedText("客户") },
            new() { Id = "text3", Type = FieldTypes.Text, Label = new LocalizedText("备注") },
        };

        var field = NewField.Create(FieldTypes.Text, fields, isColumn: false, chinese);

        Assert.That(field.Label.Get("zh-CN"), Is.EqualTo("未命名字段 4"));
        Assert.That(field.Id, Is.EqualTo("text4"));
        Assert.That(NewField.Create(FieldTypes.Text, [fields[1]], isColumn: true, chinese).Id, Is.EqualTo("text2"));
        Assert.That(NewField.Create(FieldTypes.Text, [fields[0]], isColumn: true, chinese).Label.Get("zh-CN"),
            Is.EqualTo("未命名列 2"));
    }

    private IRenderedComponent<FieldProperties> Render(FormDefinition form, FieldDefinition table, Action? changed = null) =>
        Context.Render<FieldProperties>(parameters => parameters
            .Add(p => p.Field, table)
            .Add(p => p.Form, form)
            .Add(p => p.Changed, changed));
}
