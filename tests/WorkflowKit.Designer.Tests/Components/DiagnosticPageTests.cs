using System.Security.Claims;
using System.Text.Json.Nodes;
using Blazor.Diagrams.Core.Geometry;
using Bunit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Flows;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Records;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Forms;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Components;

/// <summary>
/// The package preview, the flow and form designers and the form preview's pickers on the Chinese page, in bunit,
/// with the app's real services over a fresh SQLite file. Diagnostics come in Chinese and name nodes, branches, fields and rules by their names.
/// The cause of a cut-off flow comes first, with the unreachable nodes folded under it.
/// </summary>
public sealed class DiagnosticPageTests
{
    private static string Biopharma => Path.Combine(DesignerAppFactory.RepositoryTemplates(), "biopharma");

    private DesignerAppFactory _app = default!;
    private string _folder = string.Empty;
    private string _culture = "zh-CN";

    private BunitContext Context { get; set; } = default!;

    [SetUp]
    public void CreateContext()
    {
        _folder = Directory.CreateTempSubdirectory("wk-diagnostic-page-").FullName;
        _app = new DesignerAppFactory(settings: new Dictionary<string, string>
        {
            ["WorkflowKit:PackageFolders:0"] = _folder,
        });
        _culture = "zh-CN";
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;

        // The flow canvas sizes itself from the browser; without a size the diagram library fails after rendering.
        Context.JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true)
            .SetResult(new Rectangle(0, 0, 960, 640));
        Context.Services.AddMudServices();
        Context.Services.AddScoped(_ => new UiText { Culture = _culture });
        foreach (var type in new[]
                 {
                     typeof(IDefinitionStore), typeof(RecordSetup), typeof(IOptions<DesignerOptions>),
                     typeof(IWebHostEnvironment), typeof(IDefinitionService), typeof(IWorkService), typeof(AccountStore),
                     typeof(RoleCatalog), typeof(IFormValidationService), typeof(FormValidatorFactory),
                     typeof(EngineOptions), typeof(PackageFolders), typeof(PackagePreviews),
                     typeof(TenantTime),
                 })
        {
            Context.Services.AddSingleton(type, _app.Services.GetRequiredService(type));
        }

        var authorization = Context.AddAuthorization();
        authorization.SetAuthorized("admin");
        authorization.SetRoles(RoleNames.Admin);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "admin"));
        Context.Render<MudPopoverProvider>();
    }

    [TearDown]
    public async Task DisposeContextAsync()
    {
        await Context.DisposeAsync();
        await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Package_preview_shows_cut_edge_first()
    {
        CopyFolder(Biopharma, _folder);
        var flowFile = Path.Combine(_folder, "flows", "customer-credit-review.flow.json");
        var json = await File.ReadAllTextAsync(flowFile);
        await File.WriteAllTextAsync(flowFile, json.Replace(
            """{ "id": "e-start", "from": "start", "to": "mode" }""",
            """{ "id": "e-start", "from": "start", "to": "nowhere" }""", StringComparison.Ordinal));
        var page = Context.Render<PackageImport>();

        page.FindAll("input:not([type=file])").Last().Change(_folder);
        page.Find("[data-testid=package-preview]").Click();

        page.WaitForState(() => page.FindAll("[data-testid=diagnostic]").Count > 0, TimeSpan.FromSeconds(30));
        var first = page.FindAll("[data-testid=diagnostic]")[0];
        Assert.That(first.QuerySelector("[data-testid=diagnostic-text]")!.TextContent, Is.EqualTo(
            "连线“开始 → nowhere”(e-start)指向不存在的节点“nowhere”。请把它的终点拖到已有节点上，或删除它。"));
        Assert.That(first.QuerySelector("[data-testid=diagnostic-consequences]")!.TextContent,
            Does.Contain("因此另有 24 个节点无法到达。因此另有 1 个节点无法走到结束节点。"));
        Assert.That(page.FindAll("[data-testid=diagnostic]"), Has.Count.EqualTo(1), "the 25 consequences are folded");
        Assert.That(page.Find("[data-testid=package-diagnostics]").TextContent, Does.Not.Contain("cannot be reached"));
        Assert.That(page.FindAll("[data-testid=package-change-kind]").Select(cell => cell.TextContent.Trim()).Distinct(),
            Is.EquivalentTo(new[] { "表单", "流程", "视图" }));

        first.QuerySelector("[data-testid=diagnostic-toggle]")!.Click();
        page.WaitForState(() => page.FindAll("[data-testid=diagnostic-consequence]").Count > 0);

        var consequences = page.FindAll("[data-testid=diagnostic-consequence]").Select(item => item.TextContent).ToList();
        Assert.That(consequences, Has.Count.EqualTo(25));
        Assert.That(consequences, Has.Some.StartsWith(
            "节点“启动方式”(mode)从开始节点无法到达，永远不会执行。请从其他节点连线到它，或删除它。"));
        Assert.That(consequences, Has.Some.StartsWith("节点“开始”(start)没有通往结束节点的路径"));
    }

    [Test]
    public async Task Flow_designer_names_nodes_and_branches()
    {
        await ImportBiopharmaAsync();
        var flow = await DraftJsonAsync(DefinitionKind.Flow, "order-to-shipment");
        var nodes = flow["nodes"]!.AsArray();
        var edges = flow["edges"]!.AsArray();
        nodes.Remove(nodes.Single(node => (string)node!["id"]! == "notifyShortage"));
        foreach (var edge in edges.Where(edge => (string)edge!["to"]! == "notifyShortage"
                     || (string)edge!["from"]! == "notifyShortage").ToList())
        {
            edges.Remove(edge);
        }

        nodes.Add(new JsonObject { ["id"] = "approval30", ["type"] = "approval", ["name"] = "复核审批" });
        edges.Single(edge => (string)edge!["id"]! == "e-blocked")!["condition"] =
            new JsonObject { ["javaScript"] = "form.total >" };
        await SaveDraftAsync(DefinitionKind.Flow, "order-to-shipment", flow);

        var page = Context.Render<FlowDesigner>(parameters => parameters.Add(p => p.Key, "order-to-shipment"));

        page.WaitForState(() => page.FindAll("[data-testid=diagnostic]").Count > 0, TimeSpan.FromSeconds(10));
        var texts = page.FindAll("[data-testid=diagnostic-text]").Select(item => item.TextContent).ToList();
        Assert.That(texts, Does.Contain(
            "节点“调整订单”(adjustOrder)从开始节点无法到达，永远不会执行。请从其他节点连线到它，或删除它。"));
        Assert.That(texts, Does.Contain(
            "节点“复核审批”(approval30)没有处理人，它的任务将无人接收。请在“处理人”部分选择由谁处理这一步。"));
        Assert.That(texts, Has.Some.Match(
            @"^“信用结果”\(creditRoute\)的分支“冻结 → 冻结通知”\(e-blocked\)：JavaScript 在第 1 行第 \d+ 列有语法错误（.+）。请修改脚本。$"));
        var adjustOrder = page.FindAll("[data-testid=diagnostic]")
            .Single(item => item.TextContent.Contains("(adjustOrder)", StringComparison.Ordinal));
        Assert.That(adjustOrder.QuerySelector("[data-testid=diagnostic-consequences]")!.TextContent,
            Does.Contain("因此另有 2 个节点无法到达。"));
        Assert.That(page.Find("[data-testid=diagnostics]").TextContent, Does.Not.Contain("cannot be reached"));
        Assert.That(page.Find("[data-testid=diagnostics]").TextContent, Does.Not.Contain("\"assignees\""));
    }

    [TestCase("zh-CN",
        "节点“销售经理审核”(salesManagerReview)：类型为“角色”的处理人规则没有填写值，找不到任何人。请在“处理人”部分填写它的值，或删除该规则。",
        "节点“销售经理审核”(salesManagerReview)缺少必填的设置“deadline”。请填写。",
        "详情：")]
    [TestCase("en",
        "Node \"Sales manager review\" (salesManagerReview): an assignee rule of type \"Role\" has no value, so it finds " +
        "nobody. Fill in its value in the \"Assignees\" section, or delete the rule.",
        "Node \"Sales manager review\" (salesManagerReview) lacks the required setting \"deadline\". Fill it in.",
        "Details: ")]
    public async Task Flow_designer_words_schema_problems(
        string culture, string assignee, string missingDeadline, string detailLabel)
    {
        _culture = culture;
        await ImportBiopharmaAsync();
        var flow = await DraftJsonAsync(DefinitionKind.Flow, "customer-credit-review");
        var review = flow["nodes"]!.AsArray().Single(node => (string)node!["id"]! == "salesManagerReview")!;
        review["assignees"] = new JsonArray(new JsonObject { ["type"] = "role" });
        review.AsObject().Remove("deadline");
        await SaveDraftAsync(DefinitionKind.Flow, "customer-credit-review", flow);

        var page = Context.Render<FlowDesigner>(parameters => parameters.Add(p => p.Key, "customer-credit-review"));

        page.WaitForState(() => page.FindAll("[data-testid=diagnostic]").Count > 0, TimeSpan.FromSeconds(10));
        var texts = page.FindAll("[data-testid=diagnostic-text]").Select(item => item.TextContent).ToList();
        Assert.That(texts, Does.Contain(assignee));
        Assert.That(texts, Does.Contain(missingDeadline));
        var details = page.FindAll("[data-testid=diagnostic-detail]").Select(item => item.TextContent.Trim()).ToList();
        if (culture == "zh-CN")
        {
            Assert.That(details, Is.Empty, "the validator's English messages stay off the Chinese page");
        }
        else
        {
            Assert.That(details, Does.Contain(
                detailLabel + "Node \"salesManagerReview\" has reminders before a deadline but no \"deadline\". Add a deadline."));
        }
        if (culture == "zh-CN")
        {
            Assert.That(string.Concat(texts), Does.Not.Contain("needs \"value\""));
        }
    }

    [Test]
    public async Task Versions_show_tenant_zone()
    {
        await ImportBiopharmaAsync();
        var history = await _app.Services.GetRequiredService<IDefinitionService>()
            .GetHistoryAsync(DefinitionKind.Flow, "order-to-shipment", CancellationToken.None);
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var expected = TimeZoneInfo.ConvertTime(history[0].PublishedAt, shanghai)
            .ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var page = Context.Render<FlowDesigner>(parameters => parameters.Add(p => p.Key, "order-to-shipment"));

        page.WaitForElement("[data-testid=versions-zone]");
        Assert.That(page.Find("[data-testid=versions-zone]").TextContent, Is.EqualTo("时间按 Asia/Shanghai 时区显示"));
        Assert.That(page.Find("[data-testid=versions] tbody tr").TextContent, Does.Contain(expected));
    }

    [Test]
    public async Task Form_designer_names_rule_of_renamed_field()
    {
        await ImportBiopharmaAsync();
        var form = await DraftJsonAsync(DefinitionKind.Form, "order");
        form["fields"]!.AsArray().Single(field => (string)field!["id"]! == "requestedDeliveryDate")!["id"] =
            "deliveryDate";
        await SaveDraftAsync(DefinitionKind.Form, "order", form);

        var page = Context.Render<FormDesigner>(parameters => parameters.Add(p => p.Key, "order"));

        page.WaitForState(() => page.FindAll("[data-testid=diagnostic]").Count > 0, TimeSpan.FromSeconds(10));
        var texts = page.FindAll("[data-testid=diagnostic-text]").Select(item => item.TextContent).ToList();
        Assert.That(texts, Is.EqualTo(new[]
        {
            "规则“要求到货日期不能早于订单日期”(deliveryNotBeforeOrder)的条件使用了字段“requestedDeliveryDate”，但表单中没有这个字段。" +
            "请选择已有字段，或把该字段加回表单。",
            "规则“要求到货日期不能早于订单日期”(deliveryNotBeforeOrder)标记的字段使用了字段“requestedDeliveryDate”，但表单中没有这个字段。" +
            "请选择已有字段，或把该字段加回表单。",
        }));
    }

    [Test]
    public async Task Form_preview_picks_department_by_name()
    {
        await _app.Services.GetRequiredService<AccountStore>().SaveDepartmentAsync(
            new Department("qa-lab", "质检实验室", null, null), CancellationToken.None);
        var form = new JsonObject
        {
            ["formatVersion"] = 1,
            ["kind"] = "form",
            ["key"] = "lab-visit",
            ["name"] = "实验室拜访",
            ["fields"] = new JsonArray(new JsonObject
            {
                ["id"] = "lab", ["type"] = "department", ["label"] = new JsonObject { ["zh-CN"] = "实验室" },
            }),
        };
        await _app.Services.GetRequiredService<IDefinitionService>().SaveDraftAsync(
            DefinitionKind.Form, "lab-visit", form.ToJsonString(), null, "admin", CancellationToken.None);

        var page = Context.Render<FormDesigner>(parameters => parameters.Add(p => p.Key, "lab-visit"));

        page.WaitForElement("[data-testid=form-preview] [data-field=lab]");
        var picker = page.FindComponents<MudAutocomplete<string>>().Single(item => item.Instance.Label == "实验室");
        var found = await page.InvokeAsync(() => picker.Instance.SearchFunc!("质检", CancellationToken.None)!);
        await page.InvokeAsync(() => picker.Instance.ValueChanged.InvokeAsync("qa-lab"));

        Assert.That(found, Is.EqualTo(new[] { "qa-lab" }));
        page.WaitForAssertion(() => Assert.That(
            page.Find("[data-testid=form-preview] [data-field=lab] input").GetAttribute("value"), Is.EqualTo("质检实验室")));
    }

    private async Task ImportBiopharmaAsync() =>
        await _app.Services.GetRequiredService<RecordSetup>().ImportPackageAsync(Biopharma, "admin", CancellationToken.None);

    private async Task<JsonObject> DraftJsonAsync(DefinitionKind kind, string key)
    {
        var draft = await _app.Services.GetRequiredService<IDefinitionService>().GetDraftAsync(kind, key, CancellationToken.None);
        return JsonNode.Parse(draft!.Json)!.AsObject();
    }

    private async Task SaveDraftAsync(DefinitionKind kind, string key, JsonObject json)
    {
        var definitions = _app.Services.GetRequiredService<IDefinitionService>();
        var draft = await definitions.GetDraftAsync(kind, key, CancellationToken.None);
        await definitions.SaveDraftAsync(kind, key, json.ToJsonString(), draft!.Revision, "admin", CancellationToken.None);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
