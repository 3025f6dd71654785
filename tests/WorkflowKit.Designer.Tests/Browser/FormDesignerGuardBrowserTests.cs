using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// A process owner creates a form after a key that cannot be used, builds a sub-table with the column editor, is
/// asked before unsaved changes are lost, publishes the form, and a sales person sees its columns on the start page.
/// The flow designer asks too before unsaved changes are lost.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FormDesignerGuardBrowserTests
{
    private const string FormKey = "customer-visit";

    // MudBlazor puts a data-testid on the input itself or on its wrapper, depending on the component.
    private const string InputOrSelf = "xpath=descendant-or-self::input";

    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync() => _session = await BrowserSession.StartAsync();

    [TearDown]
    public Task CaptureAsync() => _session.CaptureFailureAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    [Test]
    public async Task Sub_table_form_built_guarded_and_started()
    {
        var owner = await _session.SignInAsync("owner");
        await owner.SetViewportSizeAsync(1400, 1000);
        await owner.GotoAsync("/design/forms");

        await owner.GetByTestId("new-key").Locator(InputOrSelf).FillAsync("客户拜访");
        await owner.GetByTestId("new-name").Locator(InputOrSelf).FillAsync("Customer visit");
        await Expect(owner.GetByTestId("key-problem")).ToContainTextAsync("键“客户拜访”不能使用。");
        await Expect(owner.GetByTestId("key-problem")).ToContainTextAsync("例如“customer-visit”");
        await Expect(owner.GetByTestId("key-problem")).Not.ToContainTextAsync("[A-Za-z]");
        await _session.ScreenshotAsync(owner, "90-new-form-key-explained");
        await owner.GetByTestId("use-suggested-key").ClickAsync();
        await Expect(owner.GetByTestId("new-key").Locator(InputOrSelf)).ToHaveValueAsync(FormKey);
        await owner.GetByTestId("new-form").ClickAsync();
        await Expect(owner).ToHaveURLAsync(new Regex($"/design/forms/{FormKey}$"));

        await ChooseAsync(owner, owner.Locator(".mud-select").Filter(new() { HasText = "类型" }).First, "子表");
        await owner.GetByTestId("add-field").ClickAsync();
        await Expect(owner.GetByTestId("field-item")).ToContainTextAsync("未命名字段 1");
        var table = owner.GetByTestId("field-properties");
        await table.GetByTestId("field-label-zh").Locator(InputOrSelf).FillAsync("拜访明细");
        await table.GetByTestId("field-id").Locator(InputOrSelf).FillAsync("lines");

        await table.GetByTestId("add-column").ClickAsync();
        var column = owner.GetByTestId("column-properties");
        await column.GetByTestId("field-label-zh").Locator(InputOrSelf).FillAsync("产品");
        await column.GetByTestId("field-id").Locator(InputOrSelf).FillAsync("产品");
        await Expect(column).ToContainTextAsync("编号“产品”不能使用。");
        await column.GetByTestId("field-id").Locator(InputOrSelf).FillAsync("product");
        await column.GetByTestId("field-required").Locator(InputOrSelf).CheckAsync();
        await ChooseAsync(owner, table.Locator(".mud-select").Filter(new() { HasText = "列类型" }).First, "数字");
        await table.GetByTestId("add-column").ClickAsync();
        await Expect(column).ToHaveAttributeAsync("data-field-id", "number2");
        await column.GetByTestId("field-label-zh").Locator(InputOrSelf).FillAsync("数量");
        await column.GetByTestId("field-id").Locator(InputOrSelf).FillAsync("quantity");
        var minimum = column.Locator(".mud-input-control").Filter(new() { HasText = "最小值" }).First.Locator("input");
        await minimum.FillAsync("1");
        await minimum.BlurAsync();
        await Expect(owner.GetByTestId("column-item")).ToHaveCountAsync(2);
        await _session.ScreenshotAsync(owner, "91-sub-table-column-editor");

        await owner.GetByRole(AriaRole.Link, new() { Name = "流程", Exact = true }).First.ClickAsync();
        var leaveDialog = owner.Locator(".mud-dialog").Filter(new() { HasText = "不保存就离开？" });
        await Expect(leaveDialog).ToBeVisibleAsync();
        await _session.ScreenshotAsync(owner, "92-leave-unsaved-form");
        await leaveDialog.GetByRole(AriaRole.Button, new() { Name = "留在此页" }).ClickAsync();
        await Expect(leaveDialog).ToHaveCountAsync(0);
        Assert.That(owner.Url, Does.EndWith($"/design/forms/{FormKey}"));

        var unloadPrompt = new TaskCompletionSource<IDialog>();
        void OnDialog(object? sender, IDialog dialog) => unloadPrompt.TrySetResult(dialog);
        owner.Dialog += OnDialog;
        await owner.CloseAsync(new() { RunBeforeUnload = true });
        var prompt = await unloadPrompt.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(prompt.Type, Is.EqualTo("beforeunload"));
        await prompt.DismissAsync();
        owner.Dialog -= OnDialog;
        Assert.That(owner.IsClosed, Is.False);
        await Expect(owner.GetByTestId("column-item")).ToHaveCountAsync(2);

        await owner.GetByTestId("save-form").ClickAsync();
        await Expect(owner.Locator(".mud-snackbar-location-bottom-left")).ToContainTextAsync("草稿已保存");
        await owner.GetByTestId("publish-form").ClickAsync();
        await owner.GetByTestId("publish-comment").Locator("xpath=descendant-or-self::textarea").FillAsync("拜访明细");
        await owner.GetByTestId("publish-confirm").ClickAsync();
        await Expect(owner.Locator(".mud-snackbar").Filter(new() { HasText = "已发布版本 1。" })).ToBeVisibleAsync();

        var definitions = _session.Get<IDefinitionService>();
        var flow = TestPackages.OneStepFlow(
            "visit-flow", new LocalizedText("客户拜访", "Customer visit"), FormKey, new LocalizedText("提交", "Submit"),
            new NodeDefinition
            {
                Id = "review", Type = NodeTypes.Approval, Name = new LocalizedText("经理审批", "Manager review"),
                Assignees = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "sales-manager" }],
                ApprovalMode = ApprovalModes.Single,
            });
        await TestPackages.PublishFlowAsync(definitions, flow, "owner", "visit");

        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync("/start/visit-flow");
        var lines = sales.Locator("[data-field=lines]").First;
        await Expect(lines).ToContainTextAsync("拜访明细");
        await Expect(lines.Locator("thead th")).ToContainTextAsync(["产品", "数量"]);
        await _session.ScreenshotAsync(sales, "93-start-form-sub-table");
    }

    [Test]
    public async Task Flow_designer_asks_then_leaves()
    {
        await OrderDefinitions.PublishAsync(_session.Get<IDefinitionService>(), "owner");
        var owner = await _session.SignInAsync("owner");
        await owner.SetViewportSizeAsync(1400, 1000);
        await owner.GotoAsync($"/design/flows/{OrderDefinitions.FlowKey}");
        await Expect(owner.Locator(".wk-canvas .wk-node").First).ToBeVisibleAsync();

        var flowName = owner.Locator(".mud-input-control").Filter(new() { HasText = "名称（中文）" }).First.Locator("input");
        await flowName.FillAsync("订单审批（改）");
        await flowName.BlurAsync();
        await Expect(owner.GetByTestId("unsaved")).ToBeVisibleAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "表单", Exact = true }).First.ClickAsync();
        var leaveDialog = owner.Locator(".mud-dialog").Filter(new() { HasText = "不保存就离开？" });
        await Expect(leaveDialog).ToBeVisibleAsync();
        await leaveDialog.GetByRole(AriaRole.Button, new() { Name = "不保存，离开" }).ClickAsync();

        await Expect(owner).ToHaveURLAsync(new Regex("/design/forms$"));
        var draft = await _session.Get<IDefinitionService>()
            .GetDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, default);
        Assert.That(draft!.Json, Does.Not.Contain("订单审批（改）"));
    }

    private static async Task ChooseAsync(IPage page, ILocator select, string item)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(item, new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }
}
