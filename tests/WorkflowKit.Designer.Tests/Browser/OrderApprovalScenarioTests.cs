using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The designer's main story in a real browser: a process owner adds a finance approval for
/// orders over 500,000 CNY and publishes; orders submitted before keep the old version; the
/// approvers see their tasks appear and act; a stale draft save shows the conflict.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class OrderApprovalScenarioTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        await OrderDefinitions.PublishAsync(_session.Get<IDefinitionService>(), "owner");
    }

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
    public async Task Finance_approval_applies_to_new_orders_only()
    {
        var sales = await _session.SignInAsync("sales1");
        await _session.ScreenshotAsync(sales, "01-inbox-sales");
        var before = await SubmitOrderAsync(sales, "协和医院", "800000");

        var owner = await _session.SignInAsync("owner");
        await AddFinanceApprovalAsync(owner);
        await _session.ScreenshotAsync(owner, "03-designer-finance-branch");
        await owner.GetByTestId("publish").ClickAsync();
        await owner.GetByTestId("publish-confirm").ClickAsync();
        await Expect(owner.GetByTestId("published-version")).ToContainTextAsync("2");

        var after = await SubmitOrderAsync(sales, "瑞金医院", "800000");

        var finance = await _session.SignInAsync("finance1");
        await Expect(finance.GetByTestId("open-count")).ToHaveTextAsync("0");

        var manager = await _session.SignInAsync("manager");
        await Expect(manager.GetByTestId("open-count")).ToHaveTextAsync("2");
        await _session.ScreenshotAsync(manager, "04-inbox-manager");
        await ApproveAsync(manager, "瑞金医院");
        await ApproveAsync(manager, "协和医院");

        // The finance inbox was open all along: the new task arrives without a reload.
        await Expect(finance.GetByTestId("open-count")).ToHaveTextAsync("1");
        await _session.ScreenshotAsync(finance, "05-inbox-finance-live");
        await finance.GetByTestId("inbox").GetByText("瑞金医院").ClickAsync();
        await _session.ScreenshotAsync(finance, "06-task-finance");
        await finance.GetByTestId("action-approve").ClickAsync();
        await Expect(finance.GetByTestId("open-count")).ToHaveTextAsync("0");

        await sales.GotoAsync($"/instances/{after}");
        await Expect(sales.GetByTestId("instance-state")).ToHaveAttributeAsync("data-state", "Completed");
        await Expect(sales.GetByTestId("instance-version")).ToContainTextAsync("v2");
        await _session.ScreenshotAsync(sales, "07-instance-after-change");
        await sales.GotoAsync($"/instances/{before}");
        await Expect(sales.GetByTestId("instance-state")).ToHaveAttributeAsync("data-state", "Completed");
        await Expect(sales.GetByTestId("instance-version")).ToContainTextAsync("v1");
        var work = _session.Get<IWorkService>();
        var oldDetail = await work.GetInstanceAsync(before, Admin, default);
        var newDetail = await work.GetInstanceAsync(after, Admin, default);
        Assert.Multiple(() =>
        {
            Assert.That(oldDetail!.VisitedNodes.Any(id => id.StartsWith("approval", StringComparison.Ordinal)), Is.False);
            Assert.That(newDetail!.VisitedNodes.Any(id => id.StartsWith("approval", StringComparison.Ordinal)), Is.True);
        });
    }

    [Test]
    public async Task Stale_draft_save_shows_who_changed_it_and_reloads()
    {
        var owner = await _session.SignInAsync("owner");
        var admin = await _session.SignInAsync("admin");
        await owner.GotoAsync($"/design/flows/{OrderDefinitions.FlowKey}");
        await admin.GotoAsync($"/design/flows/{OrderDefinitions.FlowKey}");
        await owner.GetByTestId("flow-title").WaitForAsync();
        await admin.GetByTestId("flow-title").WaitForAsync();

        await SelectNodeAsync(admin, OrderDefinitions.ManagerNode);
        await admin.GetByTestId("node-name-en").Locator(InputSelector).FillAsync("Manager sign-off");
        await admin.GetByTestId("node-name-en").Locator(InputSelector).PressAsync("Tab");
        await admin.GetByTestId("save-draft").ClickAsync();
        await Expect(admin.GetByTestId("unsaved")).ToHaveCountAsync(0);

        await SelectNodeAsync(owner, OrderDefinitions.ManagerNode);
        await owner.GetByTestId("node-name-en").Locator(InputSelector).FillAsync("Manager check");
        await owner.GetByTestId("node-name-en").Locator(InputSelector).PressAsync("Tab");
        await owner.GetByTestId("save-draft").ClickAsync();

        await Expect(owner.GetByTestId("conflict")).ToContainTextAsync("admin");
        await _session.ScreenshotAsync(owner, "08-draft-conflict");
        await owner.GetByTestId("reload").ClickAsync();
        await Expect(owner.GetByTestId("conflict")).ToHaveCountAsync(0);
        await SelectNodeAsync(owner, OrderDefinitions.ManagerNode);
        await Expect(owner.GetByTestId("node-name-en").Locator(InputSelector)).ToHaveValueAsync("Manager sign-off");
    }

    private static readonly Accounts.UserContext Admin =
        new("admin", "admin", null, [Accounts.RoleNames.Admin], new Dictionary<string, string>(), "en");

    // MudBlazor puts extra attributes on the input itself or on its wrapper, depending on the component.
    private const string InputSelector = "xpath=descendant-or-self::input";

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private async Task<string> SubmitOrderAsync(IPage page, string customer, string total)
    {
        await page.GotoAsync($"/start/{OrderDefinitions.FlowKey}");
        await page.Locator("[data-field=customer] input").FillAsync(customer);
        await ChooseAsync(page, page.Locator("[data-field=region]"), "华东");
        await page.Locator("[data-field=total] input").FillAsync(total);
        await page.Locator("[data-field=total] input").PressAsync("Tab");
        await _session.ScreenshotAsync(page, "02-start-order");
        await page.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/instances/[0-9a-f]+$"));
        return page.Url[(page.Url.LastIndexOf('/') + 1)..];
    }

    private static async Task AddFinanceApprovalAsync(IPage page)
    {
        await page.GotoAsync($"/design/flows/{OrderDefinitions.FlowKey}");
        await SelectNodeAsync(page, OrderDefinitions.ManagerNode);
        await page.GetByTestId("palette-condition").ClickAsync();
        await Expect(page.Locator(".wk-node[data-node-id=condition1]")).ToBeVisibleAsync();
        await page.GetByTestId("palette-approval").ClickAsync();
        var panel = page.Locator("[data-testid=node-panel][data-node-id=approval1]");
        await panel.WaitForAsync();

        await panel.GetByTestId("node-name-zh").Locator(InputSelector).FillAsync("财务审批");
        await panel.GetByTestId("node-name-zh").Locator(InputSelector).PressAsync("Tab");
        await panel.GetByTestId("node-name-en").Locator(InputSelector).FillAsync("Finance approval");
        await panel.GetByTestId("node-name-en").Locator(InputSelector).PressAsync("Tab");
        await panel.GetByTestId("assignee-add").ClickAsync();
        await ChooseAsync(page, panel.GetByTestId("assignee-value"), "财务 (finance)");
        await ChooseAsync(page, panel.GetByTestId("connect-target"), "结束");
        await panel.GetByTestId("connect-button").ClickAsync();

        await SelectNodeAsync(page, "condition1");
        var branch = page.Locator("[data-testid=branch][data-target=approval1]");
        await branch.GetByTestId("rule-add-group").ClickAsync();
        await ChooseAsync(page, branch.GetByTestId("rule-field"), "订单金额");
        await ChooseAsync(page, branch.GetByTestId("rule-operator"), "大于");
        await branch.GetByTestId("rule-value").Locator(InputSelector).FillAsync("500000");
        await branch.GetByTestId("rule-value").Locator(InputSelector).PressAsync("Tab");
        await Expect(page.GetByTestId("diagnostic")).ToHaveCountAsync(0);
    }

    // A click can land while the canvas redraws after the previous edit; it is repeated (at most
    // three times) until the node's property panel opens.
    private static async Task SelectNodeAsync(IPage page, string nodeId)
    {
        var panel = page.Locator($"[data-testid=node-panel][data-node-id={nodeId}]");
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator($".wk-node[data-node-id={nodeId}] .wk-node-name").ClickAsync();
            try
            {
                await panel.WaitForAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                // Try the click again.
            }
        }
    }

    private static async Task ApproveAsync(IPage page, string customer)
    {
        await page.GotoAsync("/");
        await page.GetByTestId("inbox").GetByText(customer).ClickAsync();
        await page.GetByTestId("action-approve").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/$"));
    }

    /// <summary>Opens a MudSelect and picks the item with the given text.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string itemText)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(itemText, new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
