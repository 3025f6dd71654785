using Microsoft.Playwright;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;
using TaskActions = WorkflowKit.Designer.Services.TaskActions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// A manager opens an order approval whose node hides the purchase cost and the unit price of each order line: the
/// task page and the instance detail page never carry those values, and approving keeps them in the stored instance.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class HiddenFieldBrowserTests
{
    // How the hidden values would appear in the page: the cost 3120.40 and the first unit price 88.50.
    private static readonly string[] HiddenTexts = ["3120.4", "3,120.4", "88.5"];

    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        await HiddenFieldDefinitions.PublishAsync(_session.Get<IDefinitionService>(), "owner");
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
    public async Task Task_page_omits_hidden_values()
    {
        var engine = _session.Get<WorkflowEngine>();
        var instance = await engine.StartAsync(
            new StartInstanceRequest(OrderDefinitions.FlowKey, "sales1") { Form = HiddenFieldDefinitions.Order() },
            CancellationToken.None);
        var task = (await engine.QueryTasksAsync(
            new TaskQuery { InstanceId = instance.Id, Assignee = "manager" }, CancellationToken.None)).Single();

        var manager = await _session.SignInAsync("manager");
        await manager.GotoAsync($"/tasks/{task.Id}");
        var lines = manager.Locator("[data-field=lines]").First;
        await Assertions.Expect(lines.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(lines.Locator("tbody [data-field=quantity]")).ToHaveCountAsync(2);
        await Assertions.Expect(lines.Locator("[data-field=unitPrice]")).ToHaveCountAsync(0);
        await Assertions.Expect(lines.Locator("thead th", new() { HasText = "单价" })).ToHaveCountAsync(0);
        await Assertions.Expect(manager.Locator("[data-field=cost]")).ToHaveCountAsync(0);
        await AssertNoHiddenTextAsync(manager);
        await _session.ScreenshotAsync(manager, "40-task-hidden-column");

        await manager.Locator("[data-field=note] textarea").FillAsync("Confirmed by phone");
        await manager.Locator("[data-field=note] textarea").PressAsync("Tab");
        await manager.GetByTestId($"action-{TaskActions.Approve}").ClickAsync();
        await manager.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        var stored = (await engine.GetInstanceAsync(instance.Id, CancellationToken.None))!.Instance.Form;
        Assert.Multiple(() =>
        {
            Assert.That(stored["note"]?.GetValue<string>(), Is.EqualTo("Confirmed by phone"));
            Assert.That(stored["cost"]?.GetValue<decimal>(), Is.EqualTo(HiddenFieldDefinitions.Cost));
            Assert.That(stored["lines"]![0]!["unitPrice"]?.GetValue<decimal>(),
                Is.EqualTo(HiddenFieldDefinitions.UnitPrice));
            Assert.That(stored["lines"]![1]!["unitPrice"]?.GetValue<decimal>(), Is.EqualTo(120.00m));
        });

        await manager.GotoAsync($"/instances/{instance.Id}");
        await Assertions.Expect(manager.GetByTestId("instance-title")).ToContainTextAsync("仁济医院");
        await Assertions.Expect(manager.Locator("[data-field=lines] tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(manager.Locator("[data-field=lines] [data-field=unitPrice]")).ToHaveCountAsync(0);
        await Assertions.Expect(manager.Locator("[data-field=cost]")).ToHaveCountAsync(0);
        await AssertNoHiddenTextAsync(manager);
        await _session.ScreenshotAsync(manager, "41-instance-hidden-column");
    }

    /// <summary>
    /// Checks the serialized page and the current values of its inputs, because an input's current value can differ
    /// from the value attribute in the serialized HTML.
    /// </summary>
    private static async Task AssertNoHiddenTextAsync(IPage page)
    {
        var html = await page.ContentAsync();
        var inputs = await page.EvaluateAsync<string[]>(
            "() => Array.from(document.querySelectorAll('input, textarea')).map(input => input.value)");
        foreach (var text in HiddenTexts)
        {
            Assert.That(html, Does.Not.Contain(text), $"page HTML at {page.Url}");
            Assert.That(inputs, Has.None.Contains(text), $"input values at {page.Url}");
        }
    }
}
