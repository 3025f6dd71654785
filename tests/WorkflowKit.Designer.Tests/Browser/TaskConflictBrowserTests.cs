using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// Two members of a role hold copies of one single-approval task. When one approves, the other's open task page reads,
/// on a Chinese page, who decided the step and when in the tenant time zone, and turns read-only.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TaskConflictBrowserTests
{
    private static readonly UserContext Sales1 = new(
        "sales1", "张伟 Zhang Wei", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
        "zh-CN");

    private static readonly UserContext Sales2 = new(
        "sales2", "李娜 Li Na", "sales-north", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "north" },
        "zh-CN");

    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        var flow = OrderDefinitions.Flow();
        var approval = flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode);
        approval.Name = new LocalizedText("销售任一人审批", "Any sales approval");
        approval.Assignees = [new AssigneeRule { Type = AssigneeTypes.Role, Value = RoleNames.Sales }];
        await OrderDefinitions.PublishAsync(_session.Get<IDefinitionService>(), "owner", flow);
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
    public async Task Other_approval_closes_open_page()
    {
        var work = _session.Get<IWorkService>();
        var manager = new UserContext(
            "manager", "王芳 Wang Fang", "sales-east", [RoleNames.SalesManager],
            new Dictionary<string, string> { ["region"] = "east" }, "zh-CN");
        var instanceId = (await work.StartAsync(
            OrderDefinitions.FlowKey, new JsonObject { ["customer"] = "协和医院", ["region"] = "east", ["total"] = 800 },
            manager, default)).Id;
        var firstTask = (await work.GetInboxAsync(Sales1, default)).Single(task => task.InstanceId == instanceId);
        var secondTask = (await work.GetInboxAsync(Sales2, default)).Single(task => task.InstanceId == instanceId);
        var page = await _session.SignInAsync("sales2");
        await page.GotoAsync($"/tasks/{secondTask.Id}");
        await Assertions.Expect(page.GetByTestId("action-approve")).ToBeVisibleAsync();

        // The page hears of the other approval at once, as it would while its user reads the form.
        await work.ActAsync(firstTask.Id, new TaskActionRequest(TaskActions.Approve), Sales1, default);

        var decided = await _session.Get<WorkflowEngine>().GetTaskAsync(firstTask.Id, default);
        var at = _session.Get<TenantTime>().Format(decided!.CompletedAt!.Value);
        var message = page.GetByTestId("task-conflict-message");
        await Assertions.Expect(message).ToHaveTextAsync(
            $"你打开此任务期间，张伟 Zhang Wei 已于 {at}（Asia/Shanghai 时间）处理了“销售任一人审批”。此任务已关闭。");
        await Assertions.Expect(page.GetByTestId("task-conflict-inbox")).ToHaveAttributeAsync("href", "/");
        await Assertions.Expect(page.GetByTestId("action-approve")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("task-comment")).ToHaveCountAsync(0);
        await _session.ScreenshotAsync(page, "task-conflict");
    }
}
