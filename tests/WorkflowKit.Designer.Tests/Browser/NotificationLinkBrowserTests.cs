using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The notifications page in Chromium: a message keeps its line breaks, and the "open submission" link shows only
/// to a reader who may open that submission.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class NotificationLinkBrowserTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        var flow = OrderDefinitions.FlowWithCreditHoldNotice();
        var notice = flow.Nodes.Single(node => node.Id == OrderDefinitions.NoticeNode);
        notice.Recipients =
        [
            new AssigneeRule { Type = AssigneeTypes.User, Value = "sales1" },
            new AssigneeRule { Type = AssigneeTypes.User, Value = "warehouse1" },
        ];
        notice.Message = new LocalizedText("已过期：\n{{form.customer}} 批次 A\n30 天内到期：\n批次 B", "Expired:\nA\nB");
        await OrderDefinitions.PublishAsync(_session.Get<IDefinitionService>(), "owner", flow);

        var sales = new UserContext(
            "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
            "zh-CN");
        await _session.Get<IWorkService>().StartAsync(
            OrderDefinitions.FlowKey, new JsonObject { ["customer"] = "仁济医院", ["region"] = "east", ["total"] = 5000 },
            sales, default);
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
    public async Task Message_keeps_line_breaks()
    {
        var page = await _session.SignInAsync("warehouse1");
        await page.GotoAsync("/notifications");
        var message = page.GetByTestId("notification-message");
        await Assertions.Expect(message).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        var lines = await message.EvaluateAsync<string>("element => element.innerText");
        var height = await message.EvaluateAsync<double>("element => element.getBoundingClientRect().height");
        var lineHeight = await message.EvaluateAsync<double>("element => parseFloat(getComputedStyle(element).lineHeight)");

        Assert.That(lines.Split('\n'), Is.EqualTo(new[] { "已过期：", "仁济医院 批次 A", "30 天内到期：", "批次 B" }));
        Assert.That(height, Is.GreaterThanOrEqualTo(lineHeight * 3.5), "four lines tall");
        await _session.ScreenshotAsync(page, "notification-lines");
    }

    [Test]
    public async Task Outsider_gets_no_submission_link()
    {
        var page = await _session.SignInAsync("warehouse1");
        await page.GotoAsync("/notifications");
        await Assertions.Expect(page.GetByTestId("notification")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        await Assertions.Expect(page.GetByTestId("notification-instance")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Initiator_gets_submission_link()
    {
        var page = await _session.SignInAsync("sales1");
        await page.GotoAsync("/notifications");
        var link = page.GetByTestId("notification-instance");
        await Assertions.Expect(link).ToHaveCountAsync(1, new() { Timeout = 30_000 });

        await link.ClickAsync();

        await Assertions.Expect(page.GetByText("你没有权限打开此页面。")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("withdraw")).ToBeVisibleAsync();
    }
}
