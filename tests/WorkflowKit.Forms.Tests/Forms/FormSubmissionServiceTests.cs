using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Forms;

public sealed class FormSubmissionServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private TestWorld _world = null!;

    private static FormDefinition Product()
    {
        var category = TestForms.Field("category", FieldTypes.SingleSelect, "类别", "Category");
        category.Options = [TestForms.Option("reagent"), TestForms.Option("vaccine")];
        var kind = TestForms.Field("kind", FieldTypes.SingleSelect, "品类", "Kind");
        kind.Linkage = new OptionLinkage
        {
            SourceField = "category",
            Map = new Dictionary<string, List<string>> { ["reagent"] = ["elisa", "pcr"], ["vaccine"] = ["flu"] },
        };
        var supplier = TestForms.Field("supplier", FieldTypes.SingleSelect, "供应商", "Supplier");
        supplier.Linkage = new OptionLinkage
        {
            SourceField = "category", Form = "supplier", MatchField = "category", ValueField = "name",
        };
        var owner = TestForms.Field("owner", FieldTypes.Related, "供应商记录", "Supplier record");
        owner.RelatedForm = "supplier";
        return new FormDefinition
        {
            Key = "product",
            Name = new LocalizedText("产品", "Product"),
            Fields = [TestForms.Field("name", FieldTypes.Text, "名称", "Name"), category, kind, supplier, owner],
        };
    }

    private static FormDefinition Supplier() => new()
    {
        Key = "supplier",
        Fields = [TestForms.Field("name", FieldTypes.Text, "名称", "Name"), TestForms.Field("category", FieldTypes.Text,
            "类别", "Category")],
    };

    [SetUp]
    public async Task SetUp()
    {
        _world = await TestWorld.CreateAsync(Product(), Supplier());
        _world.AddAdmin("admin", "product", "supplier");
        foreach (var (name, category) in new[] { ("Roche", "reagent"), ("Sanofi", "vaccine"), ("Abbott", "reagent") })
        {
            await _world.Store.CreateAsync("supplier", new JsonObject { ["name"] = name, ["category"] = category },
                new RecordWriteContext("admin"), None);
        }
    }

    [TearDown]
    public async Task TearDown() => await _world.DisposeAsync();

    private FormSubmissionContext Context => new("admin", En);

    [Test]
    public async Task Options_follow_static_and_record_linkage()
    {
        var linkage = new OptionLinkageService(_world.Store, _world.Reader);
        var data = new JsonObject { ["category"] = "reagent" };

        var kinds = await linkage.GetOptionsAsync(Product(), "kind", data, "admin", None);
        var suppliers = await linkage.GetOptionsAsync(Product(), "supplier", data, "admin", None);
        var none = await linkage.GetOptionsAsync(Product(), "supplier", new JsonObject(), "admin", None);

        Assert.That(kinds.Select(o => o.Value), Is.EqualTo(new[] { "elisa", "pcr" }));
        Assert.That(suppliers.Select(o => o.Value), Is.EquivalentTo(new[] { "Roche", "Abbott" }));
        Assert.That(none, Is.Empty);
    }

    [Test]
    public async Task Validation_rejects_a_value_outside_the_linkage()
    {
        var data = new JsonObject { ["category"] = "vaccine", ["kind"] = "pcr", ["supplier"] = "Roche" };

        var result = await _world.Submissions.ValidateAsync(Product(), data, Context, None);

        Assert.That(result.Errors.Select(e => e.Message), Is.EquivalentTo(new[]
        {
            "\"Kind\" value \"pcr\" is not allowed when \"Category\" is \"vaccine\"",
            "\"Supplier\" value \"Roche\" is not allowed when \"Category\" is \"vaccine\"",
        }));
    }

    [Test]
    public async Task Related_record_must_exist()
    {
        var result = await _world.Submissions.ValidateAsync(Product(), new JsonObject { ["owner"] = 999 }, Context,
            None);

        Assert.That(result.Errors.Single().Message,
            Is.EqualTo("\"Supplier record\": record 999 of form supplier does not exist or is not visible to you"));
    }

    [Test]
    public async Task Update_applies_only_editable_fields_and_audits_them()
    {
        var created = await _world.Submissions.CreateAsync(
            Product(), new JsonObject { ["name"] = "抗体", ["category"] = "reagent", ["kind"] = "pcr" }, Context, None);
        var node = new Dictionary<string, FieldPermission>
        {
            ["name"] = new() { Access = FieldPermission.Editable },
            ["kind"] = new() { Access = FieldPermission.ReadOnly },
        };
        var submitted = (JsonObject)created.Record!.Data.DeepClone();
        submitted["name"] = "抗体 II";

        var updated = await _world.Submissions.UpdateAsync(
            Product(), created.Record.Id, submitted, 1, Context with { NodePermissions = node }, None);
        submitted["kind"] = "elisa";
        var rejected = await _world.Submissions.UpdateAsync(
            Product(), created.Record.Id, submitted, 2, Context with { NodePermissions = node }, None);

        Assert.That(updated.Succeeded, Is.True);
        Assert.That(updated.Record!.Data["name"]!.GetValue<string>(), Is.EqualTo("抗体 II"));
        Assert.That(rejected.Errors.Single().Code, Is.EqualTo("readOnly"));
        var history = await _world.Store.GetHistoryAsync("product", created.Record.Id, None);
        Assert.That(history.Select(h => h.Version), Is.EqualTo(new[] { 1L, 2L }));
    }

    [Test]
    public async Task Invalid_submission_writes_nothing()
    {
        var result = await _world.Submissions.CreateAsync(Product(), new JsonObject { ["category"] = "other" },
            Context, None);

        Assert.That(result.Succeeded, Is.False);
        var page = await _world.Store.QueryAsync(new RecordQuery("product"), null, None);
        Assert.That(page.Total, Is.Zero);
    }
}
