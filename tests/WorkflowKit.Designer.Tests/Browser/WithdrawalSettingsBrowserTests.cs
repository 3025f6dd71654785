using WorkflowKit.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The flow settings panel of the order template in a real browser: it shows where a withdrawal continues, and
/// choosing no withdrawal path shows the validator's message for the path's nodes until the change is undone.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WithdrawalSettingsBrowserTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _session = await BrowserSession.StartAsync(DesignerAppFactory.RepositoryTemplates());

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
    public async Task Picker_shows_and_clears_path()
    {
        var owner = await _session.SignInAsync("owner");
        await owner.SetViewportSizeAsync(1400, 1000);
        await owner.GotoAsync("/design/flows/order-to-shipment");
        await Expect(owner.Locator(".wk-canvas .wk-node").First).ToBeVisibleAsync();
        var picker = owner.Locator(".mud-select").Filter(new() { HasText = "撤回时从此节点继续" }).First;
        var diagnostics = owner.GetByTestId("diagnostics");

        await Expect(picker.Locator("input").First).ToHaveValueAsync("撤回时撤销（withdrawRoute，条件分支）");
        await Expect(diagnostics).Not.ToContainTextAsync("withdrawRoute");
        await picker.ClickAsync();
        await owner.Locator(".mud-popover-open .mud-list-item")
            .GetByText("不继续：撤回只结束申请", new() { Exact = true }).ClickAsync();

        await Expect(diagnostics).ToContainTextAsync("withdrawRoute");
        await Expect(diagnostics).ToContainTextAsync("从开始节点无法到达");
        await _session.ScreenshotAsync(owner, "64-designer-withdrawal-path-cleared");
        await owner.GetByTestId("undo").ClickAsync();
        await Expect(picker.Locator("input").First).ToHaveValueAsync("撤回时撤销（withdrawRoute，条件分支）");
        await Expect(diagnostics).Not.ToContainTextAsync("withdrawRoute");
    }
}
