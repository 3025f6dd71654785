using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime.Drafts;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// Drafts of the start form and the task form in Chromium: typed input survives a reload after the "leave page?"
/// prompt and a new tab, stays the typing user's own, and is removed on discard, submit and approval.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FormDraftBrowserTests
{
    private static readonly string StartScope = FormDraftScopes.Start(OrderDefinitions.FlowKey);

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
    public async Task Start_draft_survives_reload()
    {
        var page = await _session.SignInAsync("sales1");
        await page.GotoAsync($"/start/{OrderDefinitions.FlowKey}");
        await TypeAsync(page, "[data-field=customer] input", "仁济医院");
        await WaitForDraftAsync("sales1", StartScope, draft => draft?.Data["customer"]?.GetValue<string>() == "仁济医院");
        var prompts = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            prompts.Add(dialog.Type);
            _ = dialog.AcceptAsync();
        };

        await page.ReloadAsync();

        Assert.That(prompts, Is.EqualTo(new[] { "beforeunload" }), "the reload asks first");
        await Assertions.Expect(page.GetByTestId("draft-restored")).ToContainTextAsync("已恢复你在");
        await Assertions.Expect(page.Locator("[data-field=customer] input")).ToHaveValueAsync("仁济医院");
        await _session.ScreenshotAsync(page, "draft-restored");

        var other = await _session.SignInAsync("sales2");
        await other.GotoAsync($"/start/{OrderDefinitions.FlowKey}");
        await Assertions.Expect(other.Locator("[data-field=customer] input")).ToBeVisibleAsync();
        await Assertions.Expect(other.GetByTestId("draft-restored")).ToHaveCountAsync(0);
        await Assertions.Expect(other.Locator("[data-field=customer] input")).ToHaveValueAsync(string.Empty);

        await page.GetByTestId("draft-discard").ClickAsync();

        await Assertions.Expect(page.Locator("[data-field=customer] input")).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(page.GetByTestId("draft-restored")).ToHaveCountAsync(0);
        Assert.That(await Drafts.FindAsync("sales1", StartScope, default), Is.Null);
    }

    [Test]
    public async Task Submit_removes_start_draft()
    {
        var page = await _session.SignInAsync("sales2");
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GotoAsync($"/start/{OrderDefinitions.FlowKey}");
        await TypeAsync(page, "[data-field=customer] input", "华山医院");
        await WaitForDraftAsync("sales2", StartScope, draft => draft is not null);
        page = await ReopenAsync(page, $"/start/{OrderDefinitions.FlowKey}");
        await Assertions.Expect(page.Locator("[data-field=customer] input")).ToHaveValueAsync("华山医院");

        await page.Locator("[data-field=region]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("华东", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await TypeAsync(page, "[data-field=total] input", "1200");
        await WaitForDraftAsync("sales2", StartScope, draft => draft?.Data["total"] is not null);
        await page.GetByTestId("submit").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/instances/"));
        Assert.That(await Drafts.FindAsync("sales2", StartScope, default), Is.Null);
    }

    [Test]
    public async Task Task_draft_survives_reload()
    {
        var sales = new UserContext(
            "sales1", "张伟 Zhang Wei", "sales-east", [RoleNames.Sales],
            new Dictionary<string, string> { ["region"] = "east" }, "zh-CN");
        var manager = new UserContext(
            "manager", "王芳 Wang Fang", "sales-east", [RoleNames.SalesManager],
            new Dictionary<string, string> { ["region"] = "east" }, "zh-CN");
        var work = _session.Get<IWorkService>();
        var instance = await work.StartAsync(
            OrderDefinitions.FlowKey, new JsonObject { ["customer"] = "瑞金医院", ["region"] = "east", ["total"] = 300 },
            sales, default);
        var task = (await work.GetInboxAsync(manager, default)).Single(item => item.InstanceId == instance.Id);
        var scope = FormDraftScopes.Task(task.Id);
        var page = await _session.SignInAsync("manager");
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GotoAsync($"/tasks/{task.Id}");
        await TypeAsync(page, "[data-field=note] textarea:not([readonly])", "请先确认库存");
        await WaitForDraftAsync("manager", scope, draft => draft?.Data["note"]?.GetValue<string>() == "请先确认库存");

        page = await ReopenAsync(page, $"/tasks/{task.Id}");

        await Assertions.Expect(page.GetByTestId("draft-restored")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-field=note] textarea:not([readonly])")).ToHaveValueAsync("请先确认库存");
        var draft = await Drafts.FindAsync("manager", scope, default);
        Assert.That(draft!.Data.Select(pair => pair.Key), Is.EqualTo(new[] { "note" }), "only the changed field");
        Assert.That(await Drafts.FindAsync("sales1", scope, default), Is.Null);

        await page.GetByTestId("action-approve").ClickAsync();

        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/tasks/"));
        Assert.That(await Drafts.FindAsync("manager", scope, default), Is.Null);
        var detail = await work.GetInstanceAsync(instance.Id, sales, default);
        Assert.That(detail!.Data["note"]?.GetValue<string>(), Is.EqualTo("请先确认库存"));
    }

    private IFormDraftStore Drafts => _session.Get<IFormDraftStore>();

    /// <summary>Opens <paramref name="path"/> in a new tab of the same sign-in, as after closing the first tab.</summary>
    private async Task<IPage> ReopenAsync(IPage page, string path)
    {
        var reopened = await page.Context.NewPageAsync();
        _session.Pages.Add(reopened);
        reopened.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await reopened.GotoAsync(path);
        return reopened;
    }

    private static async Task TypeAsync(IPage page, string selector, string text)
    {
        var input = page.Locator(selector);
        await input.FillAsync(text);
        await input.PressAsync("Tab");
    }

    /// <summary>Waits up to 20 seconds for the page's autosave to store a draft that matches.</summary>
    private async Task WaitForDraftAsync(string userId, string scope, Func<FormDraft?, bool> matches)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (matches(await Drafts.FindAsync(userId, scope, default)))
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"No matching draft of {userId} for {scope} after 20 s.");
    }
}
