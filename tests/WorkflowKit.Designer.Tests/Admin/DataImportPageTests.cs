using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Admin;

/// <summary>
/// The data import page in bunit, on the import service of a designer started with the order form published. It
/// builds its own context, because the page's services must be added before the popover provider is rendered.
/// </summary>
public sealed class DataImportPageTests
{
    // The preview and the import run on the designer's services, which take seconds on a busy machine. The waits
    // check state without asserting, because NUnit records a failed assert even when bunit retries it.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private DesignerAppFactory _factory = default!;
    private HttpClient _client = default!;

    private BunitContext Context { get; set; } = default!;

    [SetUp]
    public async Task StartDesignerAsync()
    {
        _factory = new DesignerAppFactory();
        _client = _factory.CreateClient();
        await OrderDefinitions.PublishAsync(_factory.Services.GetRequiredService<IDefinitionService>(), "owner");
    }

    [TearDown]
    public async Task StopAsync()
    {
        await Context.DisposeAsync();
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [TestCase("en", "orders.csv: The file has no column for the required field Order total (total). Add a column " +
        "headed total, Order total or 订单金额.")]
    [TestCase("zh-CN", "orders.csv：文件中没有必填字段“订单金额”（total）的列。请添加表头为 total、订单金额 或 Order total 的列。")]
    public async Task Mapping_step_warns_of_missing_column(string culture, string expected)
    {
        var page = await OpenWithFileAsync(culture, "客户,区域,金额合计\n瑞金医院,华东,100\n");

        page.WaitForAssertion(() => Assert.That(
            page.FindAll("[data-testid=import-missing-column]").Select(alert => alert.TextContent.Trim()),
            Is.EqualTo(new[] { expected })));
        Assert.That(page.FindAll("[data-testid=import-preview-panel]"), Is.Empty, "the warning comes before a preview");
    }

    [Test]
    public async Task Mapping_the_column_clears_the_warning()
    {
        var page = await OpenWithFileAsync("en", "客户,区域,金额合计\n瑞金医院,华东,100\n");
        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=import-missing-column]"), Has.Count.EqualTo(1)));

        var totalColumn = page.FindComponents<MudSelect<string>>()
            .Single(select => select.Instance.UserAttributes["data-testid"] as string == "map-2");
        await page.InvokeAsync(() => totalColumn.Instance.ValueChanged.InvokeAsync("total"));

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=import-missing-column]"), Is.Empty));
    }

    [Test]
    public async Task Preview_and_result_name_trimmed_codes()
    {
        await LabCheckDefinitions.PublishAsync(_factory.Services.GetRequiredService<IDefinitionService>(), "owner");
        var page = await OpenWithFileAsync(
            "zh-CN", "code,launched,total\n\" C9201\",2026-05-01,1\n", LabCheckDefinitions.FormKey, "lab.csv");

        page.Find("[data-testid=import-preview]").Click();
        page.WaitForState(() => page.FindAll("[data-testid=import-preview-panel]").Count == 1, Wait);
        Assert.That(
            page.FindAll("[data-testid=import-trimmed]").Select(alert => alert.TextContent.Trim()),
            Is.EqualTo(new[]
            {
                "lab.csv：编码或唯一字段的列中有 1 个单元格的开头或结尾有空格，导入时会去掉这些空格（例如 \" C0001\" 存为 " +
                "\"C0001\"）。“code” 列第 2 行。",
            }));

        page.Find("[data-testid=import-run]").Click();
        page.WaitForState(() => page.FindAll("[data-testid=import-outcome]").Count == 1, Wait);
        Assert.That(page.FindAll("[data-testid=import-result-trimmed]"), Has.Count.EqualTo(1));
        Assert.That(page.Find("[data-testid=import-outcome]").TextContent.Trim(), Is.EqualTo("已导入 1 行。"));
    }

    private async Task<IRenderedComponent<DataImport>> OpenWithFileAsync(
        string culture, string csv, string formKey = OrderDefinitions.FormKey, string fileName = "orders.csv")
    {
        var imports = _factory.Services.GetRequiredService<DataImportService>();
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddScoped(_ => new UiText { Culture = culture });
        Context.Services.AddSingleton(imports);
        var authorization = Context.AddAuthorization();
        authorization.SetAuthorized("Admin");
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "owner"));
        Context.Render<MudPopoverProvider>();

        var page = Context.Render<DataImport>();
        var form = (await imports.ListFormsAsync(default)).Single(item => item.Key == formKey);
        var formSelect = page.FindComponent<MudSelect<ImportableForm>>();
        await page.InvokeAsync(() => formSelect.Instance.ValueChanged.InvokeAsync(form));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, fileName));
        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=import-mapping]"), Has.Count.EqualTo(1)));
        return page;
    }
}
