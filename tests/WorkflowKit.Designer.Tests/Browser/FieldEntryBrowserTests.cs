using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// A salesperson picks a visit time, an address and a department on a start page. The instance stores the time with
/// the +08:00 offset of Asia/Shanghai, the address object and the department id, the manager's task is due at that
/// time, and the task page shows all three as text.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FieldEntryBrowserTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        await FieldEntryDefinitions.PublishAsync(_session.Get<IDefinitionService>(), "owner");
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
    public async Task Start_page_fills_datetime_address_department()
    {
        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync($"/start/{FieldEntryDefinitions.FlowKey}");
        await sales.Locator("[data-field=subject] input").FillAsync("仁济医院 设备巡检");
        // The Chinese page writes the date as 2026/12/20, whatever the browser's own locale is.
        var visitDate = sales.Locator("[data-field=visitAt] [data-part=date] input");
        var visitTime = sales.Locator("[data-field=visitAt] [data-part=time] input");
        await Assertions.Expect(visitDate).ToHaveAttributeAsync("placeholder", "yyyy/MM/dd");
        await visitDate.FillAsync("2026/12/20");
        await visitDate.PressAsync("Tab");
        await visitTime.FillAsync("15:45");
        await visitTime.PressAsync("Tab");
        await Assertions.Expect(visitDate).ToHaveValueAsync("2026/12/20");
        await Assertions.Expect(visitTime).ToHaveValueAsync("15:45");
        await ChooseAsync(sales, sales.Locator("[data-field=site] [data-level=province]"), "上海市");
        await ChooseAsync(sales, sales.Locator("[data-field=site] [data-level=city]"), "上海市");
        await ChooseAsync(sales, sales.Locator("[data-field=site] [data-level=district]"), "黄浦区");
        await sales.Locator("[data-field=site] [data-level=detail] input").FillAsync("南京东路 100 号");
        await sales.Locator("[data-field=site] [data-level=detail] input").PressAsync("Tab");
        await sales.Locator("[data-field=dept] input").FillAsync("华东");
        await sales.Locator(".mud-popover-open .mud-list-item").GetByText("华东销售部 Sales East").ClickAsync();
        await _session.ScreenshotAsync(sales, "60-start-field-entry");
        await sales.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(sales).ToHaveURLAsync(new Regex("/instances/[0-9a-f]+$"));
        var instanceId = sales.Url[(sales.Url.LastIndexOf('/') + 1)..];

        var engine = _session.Get<WorkflowEngine>();
        var stored = (await engine.GetInstanceAsync(instanceId, CancellationToken.None))!.Instance.Form;
        var task = (await engine.QueryTasksAsync(
            new TaskQuery { InstanceId = instanceId, Assignee = "manager" }, CancellationToken.None)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(stored["visitAt"]!.GetValue<string>(), Is.EqualTo("2026-12-20T15:45:00+08:00"));
            Assert.That(stored["site"]!.ToJsonString(), Is.EqualTo(new JsonObject
            {
                ["province"] = "上海市", ["city"] = "上海市", ["district"] = "黄浦区", ["detail"] = "南京东路 100 号",
            }.ToJsonString()));
            Assert.That(stored["dept"]!.GetValue<string>(), Is.EqualTo("sales-east"));
            Assert.That(task.DueAt, Is.EqualTo(new DateTimeOffset(2026, 12, 20, 7, 45, 0, TimeSpan.Zero)));
        });

        await Assertions.Expect(sales.Locator("[data-field=visitAt] input").First).ToHaveValueAsync("2026-12-20 15:45");

        var manager = await _session.SignInAsync("manager");
        await manager.GotoAsync($"/tasks/{task.Id}");
        await Assertions.Expect(manager.Locator("[data-field=visitAt] input").First).ToHaveValueAsync("2026-12-20 15:45");
        await Assertions.Expect(manager.Locator("[data-field=site] input").First)
            .ToHaveValueAsync("上海市黄浦区 南京东路 100 号");
        await Assertions.Expect(manager.Locator("[data-field=dept] input").First).ToHaveValueAsync("华东销售部 Sales East");
        await _session.ScreenshotAsync(manager, "61-task-field-entry");
        Assert.That(await manager.ContentAsync(), Does.Not.Contain("\\u4E0A"));
    }

    /// <summary>Opens a MudSelect and picks the item with the given text.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string itemText)
    {
        var item = page.Locator(".mud-popover-open .mud-list-item").GetByText(itemText, new() { Exact = true });
        await select.ClickAsync();

        // A pick in the level above re-renders this select with new options. A click that lands during that render
        // opens nothing, so the select is clicked once more, as a user would, when its list has not appeared.
        try
        {
            await item.WaitForAsync(new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            await select.ClickAsync();
        }

        await item.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
