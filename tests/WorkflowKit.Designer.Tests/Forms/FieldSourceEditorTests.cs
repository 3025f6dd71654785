using System.Text.Json.Nodes;
using Bunit;
using MudBlazor;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Validation;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Admin;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Forms;

/// <summary>
/// The form designer's editors for values taken from other records (lookup with fill, record value, lookup range,
/// related display field), defaults, row rules and the title field. Each test checks the JSON an editor writes and
/// the change it reports, which marks the form unsaved, or the validator's errors shown beside it.
/// </summary>
public sealed class FieldSourceEditorTests : ComponentTestBase
{
    private static readonly FormDefinition Customer = new()
    {
        Key = "customer",
        Name = new LocalizedText("客户", "Customer"),
        TitleField = "name",
        Fields =
        [
            new FieldDefinition { Id = "code", Type = FieldTypes.Text, Label = new LocalizedText("客户编码", "Customer code"), Unique = true },
            new FieldDefinition { Id = "name", Type = FieldTypes.Text, Label = new LocalizedText("客户名称", "Customer name") },
            new FieldDefinition { Id = "region", Type = FieldTypes.Text, Label = new LocalizedText("区域", "Region") },
            new FieldDefinition { Id = "creditLimit", Type = FieldTypes.Money, Label = new LocalizedText("信用额度", "Credit limit") },
        ],
    };

    private int _changes;

    [SetUp]
    public void ResetChanges() => _changes = 0;

    [Test]
    public async Task Lookup_with_fill_written()
    {
        var form = SampleForm();
        var panel = RenderField(form, form.Fields[0]);

        await ChooseAsync(panel, "lookup-form", "customer");
        await ChooseAsync(panel, "pair-new-left", "customerName");
        await ChooseAsync(panel, "pair-new-right", "name");
        await panel.InvokeAsync(() => panel.Find("[data-testid=lookup-fill] [data-testid=pair-add]").Click());

        Assert.That(Json(form.Fields[0].Lookup),
            Is.EqualTo("""{"form":"customer","valueField":"code","fill":{"customerName":"name"}}"""));
        Assert.That(_changes, Is.EqualTo(2));
    }

    [Test]
    public async Task Lookup_fill_offers_fillable_fields()
    {
        var form = SampleForm();
        var panel = RenderField(form, form.Fields[0]);

        await ChooseAsync(panel, "lookup-form", "customer");
        var targets = panel.FindComponents<FieldPairsEditor>().Single().Instance.LeftChoices.Select(choice => choice.Id);

        Assert.That(targets, Is.EquivalentTo(new[] { "customerName", "quantity", "orderDate" }));
    }

    [Test]
    public async Task Lookup_cleared_removes_property()
    {
        var form = SampleForm();
        form.Fields[0].Lookup = new RecordLookup
        {
            Form = "customer", ValueField = "code", Fill = new Dictionary<string, string> { ["customerName"] = "name" },
        };
        var panel = RenderField(form, form.Fields[0]);

        await panel.InvokeAsync(() => panel.Find("[data-testid=lookup-fill] [data-testid=pair-remove]").Click());
        Assert.That(form.Fields[0].Lookup!.Fill, Is.Null);
        await ChooseAsync(panel, "lookup-form", null);

        Assert.That(form.Fields[0].Lookup, Is.Null);
        Assert.That(DefinitionJson.Serialize(form), Does.Not.Contain("lookup"));
        Assert.That(_changes, Is.EqualTo(2));
    }

    [Test]
    public async Task Default_constant_written()
    {
        var form = SampleForm();
        var quantity = form.Fields[2];
        var panel = RenderField(form, quantity);

        await ChooseAsync(panel, "default-mode", "value");
        TestIds.Input(panel, "default-number").Change("5");

        Assert.That(quantity.Default!.ToJsonString(), Is.EqualTo("5"));
        Assert.That(quantity.DefaultExpression, Is.Null);
        Assert.That(_changes, Is.EqualTo(2));
    }

    [Test]
    public async Task Default_formula_replaces_constant()
    {
        var form = SampleForm();
        var orderDate = form.Fields[3];
        orderDate.Default = JsonValue.Create("2026-12-01");
        var panel = RenderField(form, orderDate);

        await ChooseAsync(panel, "default-mode", "formula");
        TestIds.Input(panel, "default-formula").Change("TODAY()");

        Assert.That(orderDate.Default, Is.Null);
        Assert.That(Json(orderDate.DefaultExpression), Is.EqualTo("""{"formula":"TODAY()"}"""));
        Assert.That(_changes, Is.EqualTo(2));
    }

    [Test]
    public async Task Default_script_written()
    {
        var form = SampleForm();
        var quantity = form.Fields[2];
        var panel = RenderField(form, quantity);

        await ChooseAsync(panel, "default-mode", "javaScript");
        var script = panel.Find("[data-testid=default-script]");
        (script.TagName == "TEXTAREA" ? script : script.QuerySelector("textarea")!).Change("form.customer ? 1 : 0");

        Assert.That(Json(quantity.DefaultExpression), Is.EqualTo("""{"javaScript":"form.customer ? 1 : 0"}"""));
    }

    [Test]
    public void Default_error_names_field()
    {
        var form = SampleForm();
        var quantity = form.Fields[2];
        quantity.DefaultExpression = new Expression { Formula = "SUM(lines.qty" };
        var diagnostics = Validate(form);

        var panel = RenderField(form, quantity, diagnostics);

        var diagnosticText = panel.Find("[data-testid=default-diagnostics]").TextContent;
        Assert.That(diagnostics.Select(item => item.Pointer), Has.Some.StartsWith("/fields/2/defaultExpression"));
        Assert.That(diagnosticText, Does.Contain("\"Quantity\" (quantity)"));
        Assert.That(diagnosticText, Does.Contain("defaultExpression"));
        Assert.That(panel.FindAll("[data-testid=lookup-diagnostics]"), Is.Empty);
    }

    [Test]
    public async Task Lookup_error_names_fill_target()
    {
        var form = SampleForm();
        form.Fields[0].Lookup = new RecordLookup
        {
            Form = "customer", ValueField = "code", Fill = new Dictionary<string, string> { ["customerName"] = "phone" },
        };
        var diagnostics = Validate(form);

        var panel = RenderField(form, form.Fields[0], diagnostics);
        await panel.InvokeAsync(() => { });

        var diagnosticText = panel.Find("[data-testid=lookup-diagnostics]").TextContent;
        Assert.That(diagnosticText, Does.Contain("\"Customer code\" (customer)"));
        Assert.That(diagnosticText, Does.Contain("phone"));
    }

    [Test]
    public async Task Record_value_with_match_written()
    {
        var form = SampleForm();
        var region = new FieldDefinition { Id = "region", Type = FieldTypes.Text, Label = new LocalizedText("区域", "Region") };
        form.Fields.Add(region);
        var panel = RenderField(form, region);
        var editor = panel.FindComponents<RecordMatchEditor>().Single();

        await ChooseAsync(editor, "match-form", "customer");
        await ChooseAsync(editor, "pair-new-left", "code");
        await ChooseAsync(editor, "pair-new-right", "customer");
        await panel.InvokeAsync(() => panel.Find("[data-testid=record-value-editor] [data-testid=pair-add]").Click());

        Assert.That(Json(region.RecordValue),
            Is.EqualTo("""{"form":"customer","valueField":"region","match":{"code":"customer"}}"""));
        Assert.That(_changes, Is.EqualTo(2));
    }

    [Test]
    public async Task Lookup_range_percent_written()
    {
        var form = SampleForm();
        var price = new FieldDefinition { Id = "price", Type = FieldTypes.Money, Label = new LocalizedText("单价", "Price") };
        form.Fields.Add(price);
        var panel = RenderField(form, price);
        var editor = panel.FindComponents<RecordMatchEditor>().Single(candidate => candidate.Instance.IsRange);

        await ChooseAsync(editor, "match-form", "customer");
        await ChooseAsync(editor, "match-value-field", "creditLimit");
        TestIds.Input(panel, "range-min-percent").Change("90");
        TestIds.Input(panel, "range-max-percent").Change("110");

        Assert.That(Json(price.LookupRange),
            Is.EqualTo("""{"form":"customer","valueField":"creditLimit","match":{},"minPercent":90,"maxPercent":110}"""));
        Assert.That(price.RecordValue, Is.Null);
        Assert.That(_changes, Is.EqualTo(4));
    }

    [Test]
    public async Task Related_display_field_written()
    {
        var form = SampleForm();
        var related = new FieldDefinition
        {
            Id = "customerRecord", Type = FieldTypes.Related, Label = new LocalizedText("客户记录", "Customer record"),
            RelatedForm = "customer",
        };
        form.Fields.Add(related);
        var panel = RenderField(form, related);

        await ChooseAsync(panel, "field-related-display", "code");

        Assert.That(related.RelatedDisplayField, Is.EqualTo("code"));
        Assert.That(_changes, Is.EqualTo(1));
    }

    [Test]
    public async Task Row_rule_added_to_sub_table()
    {
        var form = SampleForm();
        var lines = new FieldDefinition
        {
            Id = "lines", Type = FieldTypes.SubTable, Label = new LocalizedText("明细", "Lines"),
            Fields =
            [
                new FieldDefinition { Id = "qty", Type = FieldTypes.Number, Label = new LocalizedText("数量", "Quantity") },
                new FieldDefinition { Id = "shipped", Type = FieldTypes.Number, Label = new LocalizedText("已发", "Shipped") },
            ],
        };
        form.Fields.Add(lines);
        var panel = RenderField(form, lines);

        await panel.InvokeAsync(() => panel.Find("[data-testid=add-row-rule]").Click());
        var field = panel.FindComponents<MudSelect<string>>().Single(select => select.Instance.Label == "Show the message at");
        await panel.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync("shipped"));

        Assert.That(Json(lines.RowRules),
            Is.EqualTo("""[{"id":"rowRule1","condition":{},"message":{"en":"Check this row."},"fields":["shipped"]}]"""));
        Assert.That(_changes, Is.EqualTo(2));
        Assert.That(form.Rules, Is.Null);
    }

    [Test]
    public async Task Title_field_set_and_cleared()
    {
        var form = SampleForm();
        var changes = 0;
        var select = Context.Render<TitleFieldSelect>(parameters => parameters
            .Add(p => p.Form, form)
            .Add(p => p.Changed, () => changes++));
        var box = select.FindComponent<MudSelect<string>>();

        await select.InvokeAsync(() => box.Instance.ValueChanged.InvokeAsync("customer"));
        Assert.That(form.TitleField, Is.EqualTo("customer"));
        await select.InvokeAsync(() => box.Instance.ValueChanged.InvokeAsync(null));

        Assert.That(form.TitleField, Is.Null);
        Assert.That(changes, Is.EqualTo(2));
    }

    [Test]
    public async Task Template_forms_round_trip_unchanged()
    {
        var folder = Path.Combine(DesignerAppFactory.RepositoryTemplates(), "biopharma", "forms");
        var forms = Directory.GetFiles(folder, "*.form.json")
            .Select(path => DefinitionJson.Deserialize<FormDefinition>(File.ReadAllText(path)))
            .ToList();
        var catalog = Catalog(forms);
        Assert.That(forms, Has.Count.GreaterThan(5));

        foreach (var form in forms)
        {
            var before = DefinitionJson.Serialize(form);
            foreach (var field in form.Fields)
            {
                var panel = RenderField(form, field, catalog: catalog);
                await panel.InvokeAsync(() => { });
                foreach (var column in field.Fields ?? [])
                {
                    var columnPanel = Context.Render<FieldProperties>(parameters => parameters
                        .Add(p => p.Field, column)
                        .Add(p => p.Form, form)
                        .Add(p => p.Siblings, field.Fields)
                        .Add(p => p.IsColumn, true)
                        .Add(p => p.Catalog, catalog));
                    await columnPanel.InvokeAsync(() => { });
                }
            }

            Context.Render<TitleFieldSelect>(parameters => parameters.Add(p => p.Form, form));

            Assert.That(DefinitionJson.Serialize(form), Is.EqualTo(before), form.Key);
        }

        Assert.That(_changes, Is.Zero);
    }

    private static FormDefinition SampleForm() => new()
    {
        Key = "sample-order",
        Name = new LocalizedText("样品申请", "Sample order"),
        Fields =
        [
            new FieldDefinition { Id = "customer", Type = FieldTypes.Text, Label = new LocalizedText("客户编码", "Customer code") },
            new FieldDefinition { Id = "customerName", Type = FieldTypes.Text, Label = new LocalizedText("客户名称", "Customer name") },
            new FieldDefinition { Id = "quantity", Type = FieldTypes.Number, Label = new LocalizedText("数量", "Quantity") },
            new FieldDefinition { Id = "orderDate", Type = FieldTypes.Date, Label = new LocalizedText("日期", "Order date") },
            new FieldDefinition
            {
                Id = "total", Type = FieldTypes.Formula, Label = new LocalizedText("合计", "Total"),
                Formula = new Expression { Formula = "quantity * 2" },
            },
        ],
    };

    private static FormCatalog Catalog(IReadOnlyList<FormDefinition> forms) => new(
        [.. forms.Select(form => new DefinitionSummary(DefinitionKind.Form, form.Key, form.Name, 1, false, null, null))],
        (key, _) => Task.FromResult(forms.FirstOrDefault(form => form.Key == key)));

    private static string Json<T>(T value) => JsonNode.Parse(DefinitionJson.Serialize(value))!.ToJsonString();

    /// <summary>Validates <paramref name="form"/> with the customer form, as the designer does, and maps the result.</summary>
    private static IReadOnlyList<DesignerDiagnostic> Validate(FormDefinition form)
    {
        var json = DefinitionJson.Serialize(form);
        using var draft = JsonSourceReader.Read("draft", System.Text.Encoding.UTF8.GetBytes(json));
        using var customer = JsonSourceReader.Read(
            "customer", System.Text.Encoding.UTF8.GetBytes(DefinitionJson.Serialize(Customer)));
        var report = DefinitionValidator.Validate([draft, customer]);
        return StoreDefinitionService.Map(
            DefinitionKind.Form, json, report.Diagnostics.Where(diagnostic => diagnostic.File == "draft"));
    }

    private IRenderedComponent<FieldProperties> RenderField(
        FormDefinition form, FieldDefinition field, IReadOnlyList<DesignerDiagnostic>? diagnostics = null,
        FormCatalog? catalog = null) =>
        Context.Render<FieldProperties>(parameters => parameters
            .Add(p => p.Field, field)
            .Add(p => p.Form, form)
            .Add(p => p.Catalog, catalog ?? Catalog([Customer]))
            .Add(p => p.Diagnostics, diagnostics ?? [])
            .Add(p => p.Changed, () => _changes++));

    /// <summary>Picks <paramref name="value"/> in the select with <paramref name="testId"/>, as a click on an item does.</summary>
    private static async Task ChooseAsync<TScope>(IRenderedComponent<TScope> scope, string testId, string? value)
        where TScope : class, Microsoft.AspNetCore.Components.IComponent
    {
        var select = scope.FindComponents<MudSelect<string>>()
            .First(candidate => candidate.Instance.UserAttributes.TryGetValue("data-testid", out var id)
                && (string?)id == testId);
        await scope.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }
}
