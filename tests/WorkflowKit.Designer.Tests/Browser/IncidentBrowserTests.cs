using Microsoft.Playwright;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// A stuck order in Chromium. The process owner finds it from the menu, fixes the organisation data and retries it,
/// and staff cannot open the incidents page. The flow designer shows the approval's region condition and warns when
/// no finance user has a region.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class IncidentBrowserTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        await StuckOrders.PublishAsync(_session.Get<IDefinitionService>());
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
    public async Task Owner_retries_stuck_order()
    {
        var accounts = _session.Get<AccountStore>();
        await SetFinanceRegionAsync(accounts, "east");
        var instance = await StuckOrders.StartNorthOrderAsync(_session.Get<IWorkService>(), accounts);
        var owner = await _session.SignInAsync("owner");

        await owner.Locator(".mud-nav-link").GetByText("异常事件", new() { Exact = true }).ClickAsync();

        var row = owner.Locator($"[data-testid=incident-row][data-instance='{instance.Id}']");
        await Expect(row).ToHaveTextAsync("北京协和医院");
        await Expect(owner.GetByTestId("incident-kind")).ToHaveTextAsync("没有处理人");
        await _session.ScreenshotAsync(owner, "70-incidents");

        await SetFinanceRegionAsync(accounts, "north");
        await owner.GetByTestId("incident-retry").ClickAsync();

        await Expect(owner.GetByTestId("retry-outcome")).ToContainTextAsync("已重试。此申请现在等待：经理审批（刘洋 Liu Yang）。");
        await Expect(owner.GetByTestId("incident-row")).ToHaveCountAsync(0);
        await owner.GotoAsync($"/instances/{instance.Id}");
        await Expect(owner.GetByTestId("instance-state")).ToHaveAttributeAsync("data-state", "Running");
        await Expect(owner.GetByTestId("stuck-banner")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Stuck_banner_for_initiator()
    {
        var accounts = _session.Get<AccountStore>();
        await SetFinanceRegionAsync(accounts, "east");
        var instance = await StuckOrders.StartNorthOrderAsync(_session.Get<IWorkService>(), accounts);
        var sales = await _session.SignInAsync("sales1");

        await sales.GotoAsync($"/instances/{instance.Id}");

        await Expect(sales.GetByTestId("stuck-banner")).ToContainTextAsync("此申请已停滞：某个步骤因故障停止，重试后才能继续。");
        await Expect(sales.GetByTestId("stuck-message")).ToHaveTextAsync(
            "步骤“经理审批”找不到可以接收任务的人。请联系管理员为相应角色或部门添加成员，或修改该步骤的处理人规则，然后重试。");
        await Expect(sales.GetByTestId("stuck-detail")).ToHaveTextAsync("详情：" + StuckOrders.Message);
        await Expect(sales.GetByTestId("stuck-retry")).ToHaveCountAsync(0);
        await Expect(sales.GetByTestId("instance-state")).ToHaveTextAsync("需处理");
        await _session.ScreenshotAsync(sales, "71-stuck-banner");
    }

    [Test]
    public async Task Staff_are_denied_incidents()
    {
        var sales = await _session.SignInAsync("sales1");

        await sales.GotoAsync("/incidents");

        await Expect(sales.GetByText("你没有权限打开此页面", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(sales.GetByTestId("incidents")).ToHaveCountAsync(0);
        await Expect(sales.Locator(".mud-nav-link").GetByText("异常事件", new() { Exact = true })).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Designer_shows_where_and_warns()
    {
        await SetFinanceRegionAsync(_session.Get<AccountStore>(), null);
        var owner = await _session.SignInAsync("owner");
        await owner.GotoAsync($"/design/flows/{OrderDefinitions.FlowKey}");
        var warning = owner.Locator("[data-testid=diagnostic][data-severity=warning]");
        await Expect(warning).ToContainTextAsync("ORG2");

        await SelectNodeAsync(owner, OrderDefinitions.ManagerNode);

        var panel = owner.Locator($"[data-testid=node-panel][data-node-id={OrderDefinitions.ManagerNode}]");
        await Expect(panel.GetByTestId("assignee-where-row")).ToHaveAttributeAsync("data-attribute", "region");
        await Expect(warning).ToContainTextAsync("角色“finance”的成员都没有用户属性“region”");
        await _session.ScreenshotAsync(owner, "72-assignee-where");

        await panel.GetByTestId("where-remove").ClickAsync();

        await Expect(panel.GetByTestId("assignee-where-row")).ToHaveCountAsync(0);
        await Expect(warning).ToHaveCountAsync(0);
    }

    /// <summary>Sets the region of the demo finance user finance1, or removes it when <paramref name="region"/> is null.</summary>
    private static async Task SetFinanceRegionAsync(AccountStore accounts, string? region)
    {
        var finance = (await accounts.FindAsync("finance1", default))!;
        var attributes = region is null ? [] : new Dictionary<string, string> { ["region"] = region };
        await accounts.UpdateAsync(finance with { Attributes = attributes }, default);
    }

    // A click can land while the canvas redraws, so it is repeated (at most three times) until the node's panel opens.
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
}
