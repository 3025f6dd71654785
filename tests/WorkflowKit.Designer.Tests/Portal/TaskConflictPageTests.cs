using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The task page in bunit when its user approves a role task that another member approved first, before the page
/// heard of it: the page names the decider, the step and the tenant time from the conflict, and turns read-only.
/// </summary>
[TestFixture]
public sealed class TaskConflictPageTests : EnginePageTests
{
    private const string RoleFlow = "order-any-sales";

    protected override async Task PublishAsync(IDefinitionService definitions)
    {
        await OrderDefinitions.PublishAsync(definitions, "owner");
        await PublishFlowVariantAsync(definitions, RoleFlow, flow =>
        {
            var node = flow.Nodes.Single(candidate => candidate.Id == OrderDefinitions.ManagerNode);
            node.Name = new LocalizedText("销售任一人审批", "Any sales approval");
            node.Assignees = [new AssigneeRule { Type = AssigneeTypes.Role, Value = RoleNames.Sales }];
        });
    }

    // The page learns of the other approval only through its own click, as when both click within milliseconds.
    protected override void AddServices(IServiceCollection services) =>
        services.AddSingleton<ITaskNotifier, SilentTaskNotifier>();

    [Test]
    public async Task Late_approval_names_decider()
    {
        Context.Services.AddScoped(_ => new UiText { Culture = "zh-CN" });
        Context.Render<MudPopoverProvider>();
        var work = Get<IWorkService>();
        var sales1 = await UserAsync("sales1");
        var sales2 = await UserAsync("sales2");
        var instance = await work.StartAsync(
            RoleFlow,
            new System.Text.Json.Nodes.JsonObject { ["customer"] = "协和医院", ["region"] = "east", ["total"] = 800m },
            await UserAsync("manager"), default);
        var firstTask = (await work.GetInboxAsync(sales1, default)).Single(task => task.InstanceId == instance.Id);
        var secondTask = (await work.GetInboxAsync(sales2, default)).Single(task => task.InstanceId == instance.Id);
        var signedIn = Task.FromResult(new AuthenticationState(UserContext.ToPrincipal(
            (await Get<AccountStore>().FindAsync("sales2", default))!, "test")));
        var page = Context.Render<CascadingValue<Task<AuthenticationState>>>(parameters => parameters
            .Add(cascade => cascade.Value, signedIn)
            .AddChildContent<TaskPage>(child => child.Add(taskPage => taskPage.Id, secondTask.Id)));
        page.WaitForElement("[data-testid='action-approve']");
        await work.ActAsync(firstTask.Id, new TaskActionRequest(TaskActions.Approve), sales1, default);

        await page.Find("[data-testid='action-approve']").ClickAsync(new MouseEventArgs());

        var decided = await Get<WorkflowEngine>().GetTaskAsync(firstTask.Id, default);
        var at = Get<TenantTime>().Format(decided!.CompletedAt!.Value);
        page.WaitForAssertion(() => Assert.That(
            page.Find("[data-testid='task-conflict-message']").TextContent.Trim(),
            Is.EqualTo($"张伟 Zhang Wei 已于 {at}（Asia/Shanghai 时间）处理了“销售任一人审批”，你的操作没有保存。此任务已关闭。")));
        Assert.That(page.FindAll("[data-testid='action-approve']"), Is.Empty);
        Assert.That(page.FindAll("[data-testid='task-comment']"), Is.Empty);
        Assert.That(page.Find("[data-testid='task-conflict-inbox']").GetAttribute("href"), Is.EqualTo("/"));
        Assert.That(Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars, Is.Empty, "no English snackbar");
    }

    private async Task<UserContext> UserAsync(string id) =>
        UserContext.FromPrincipal(UserContext.ToPrincipal((await Get<AccountStore>().FindAsync(id, default))!, "test"))!;

    /// <summary>A notifier that delivers nothing, so that the page shows what it loaded until it acts.</summary>
    private sealed class SilentTaskNotifier : ITaskNotifier
    {
        public event Action<TaskNotification>? Changed
        {
            add { }
            remove { }
        }

        public void Publish(TaskNotification notification)
        {
        }
    }
}
