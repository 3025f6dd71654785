using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Import;
using WorkflowKit.Organization;
using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>
/// A database with the purchase-plan test form, an admin who may import into it, and users and departments whose
/// names the files use: 何明 (sales-east-1), two users named 李伟, two departments named 采购部.
/// </summary>
public abstract class PlanImportFixture
{
    protected static readonly CancellationToken None = CancellationToken.None;
    protected static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    protected static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    protected TestWorld World { get; private set; } = null!;

    [SetUp]
    public async Task CreateWorldAsync()
    {
        World = await TestWorld.CreateAsync(ImportTestForms.Plan());
        World.AddAdmin("admin", "plan");
        World.Directory
            .Add(User("sales-east-1", "何明", "sales-east"))
            .Add(User("sales-north-2", "李伟", "sales-north"))
            .Add(User("sales-south-3", "李伟", "sales-south"))
            .Add(User("lin", "Lin Tao", null))
            .Add(User("u-9", "lin", null))
            .Add(new OrgDepartment("sales-east", "华东销售部", null, null))
            .Add(new OrgDepartment("buy-north", "采购部", null, null))
            .Add(new OrgDepartment("buy-south", "采购部", null, null));
    }

    [TearDown]
    public async Task DisposeWorldAsync() => await World.DisposeAsync();

    protected async Task<ImportResult> ImportAsync(
        string csv, CultureInfo culture, bool skipBadRows = false, ImportMapping? mapping = null)
    {
        await using var source = await CsvImportSource.OpenAsync(ImportTestForms.Csv(csv), "plans.csv", None);
        return await World.Importer.ImportAsync(
            ImportTestForms.Plan(), source, "admin",
            new ImportOptions { Culture = culture, SkipBadRows = skipBadRows, Mapping = mapping }, None);
    }

    protected async Task<ImportPreview> PreviewAsync(string csv, CultureInfo culture)
    {
        await using var source = await CsvImportSource.OpenAsync(ImportTestForms.Csv(csv), "plans.csv", None);
        return await World.Importer.PreviewAsync(
            ImportTestForms.Plan(), source, "admin", new ImportOptions { Culture = culture }, 20, None);
    }

    protected async Task<List<JsonObject>> PlansAsync() =>
        [.. (await World.Store.QueryAsync(new RecordQuery("plan") { Limit = 100,
            Sort = [new SortOrder { Field = "code" }] }, null, None))
            .Items.Select(item => item.Data)];

    private static OrgUser User(string id, string name, string? department) =>
        new(id, name, department, ["staff"], new Dictionary<string, string>());
}
