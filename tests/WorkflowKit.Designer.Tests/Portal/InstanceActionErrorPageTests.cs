using System.Text.Json.Nodes;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The instance page in bunit on the designer's real work service and engine. When the engine rejects the
/// initiator's withdrawal or urge, the page explains why in the user's language and what to do, never the engine's
/// English message.
/// </summary>
[TestFixture]
public sealed class InstanceActionErrorPageTests : EnginePageTests
{
    private const string CountersignFlow = "order-countersign";
    private const string NoWithdrawFlow = "order-no-withdraw";

    private static readonly UserContext Sales = new(
        "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
        "zh-CN");

    private IRenderedComponent<MudDialogProvider>? _dialogs;

    private IWorkService Work => Scope.ServiceProvider.GetRequiredService<IWorkService>();

    protected override async Task PublishAsync(IDefinitionService definitions)
    {
        await OrderDefinitions.PublishAsync(definitions, "owner");
        await PublishFlowVariantAsync(definitions, CountersignFlow, flow =>
        {
            var node = flow.Nodes.Single(candidate => candidate.Id == OrderDefinitions.ManagerNode);
            node.ApprovalMode = ApprovalModes.Countersign;
            node.Assignees =
            [
                new AssigneeRule { Type = AssigneeTypes.User, Value = "manager" },
                new AssigneeRule { Type = AssigneeTypes.User, Value = "finance1" },
            ];
        });
        await PublishFlowVariantAsync(
            definitions, NoWithdrawFlow, flow => flow.Settings = new FlowSettings { AllowWithdraw = false });
    }

    protected override void AddServices(IServiceCollection services)
    {
        // The page reloads when the engine reports a change for its user. The tests change the submission behind the
        // page's back, as another user does between the page's load and the click, so the page must not see it.
        services.AddSingleton<ITaskNotifier, SilentTaskNotifier>();
    }

    [Test]
    public async Task Withdraw_afterApproval_in_chinese()
    {
        var instance = await StartAsync(CountersignFlow);
        await ApproveAsync("manager", instance.Id);
        var page = await OpenInstanceAsync(instance.Id, "zh-CN");

        var messages = await ClickAsync(page, "withdraw");

        Assert.That(messages, Is.EqualTo(new[]
        {
            "撤回失败：此申请的任务已有人处理，不能再撤回。请联系当前处理人退回或驳回此申请。",
        }));
    }

    [Test]
    public async Task Withdraw_afterApproval_in_english()
    {
        var instance = await StartAsync(CountersignFlow);
        await ApproveAsync("manager", instance.Id);
        var page = await OpenInstanceAsync(instance.Id, "en");

        var messages = await ClickAsync(page, "withdraw");

        Assert.That(messages, Is.EqualTo(new[]
        {
            "Withdraw failed: someone has already acted on a task of this submission, so it can no longer be " +
            "withdrawn. Ask the person now handling it to return or reject it.",
        }));
    }

    [Test]
    public async Task Withdraw_not_allowed_in_chinese()
    {
        var instance = await StartAsync(NoWithdrawFlow);
        var page = await OpenInstanceAsync(instance.Id, "zh-CN");

        var messages = await ClickAsync(page, "withdraw");

        Assert.That(messages, Is.EqualTo(new[]
        {
            "撤回失败：流程“订单审批”不允许撤回申请。请联系当前处理人退回或驳回此申请。",
        }));
        Assert.That(page.Find("[data-testid=instance-state]").GetAttribute("data-state"), Is.EqualTo("Running"));
    }

    [Test]
    public async Task Withdraw_not_allowed_in_english()
    {
        var instance = await StartAsync(NoWithdrawFlow);
        var page = await OpenInstanceAsync(instance.Id, "en");

        var messages = await ClickAsync(page, "withdraw");

        Assert.That(messages, Is.EqualTo(new[]
        {
            "Withdraw failed: the flow \"Order approval\" does not allow withdrawing a submission. Ask the person " +
            "now handling it to return or reject it.",
        }));
    }

    [Test]
    public async Task Urge_after_rejection_in_chinese()
    {
        var instance = await StartAsync(OrderDefinitions.FlowKey);
        var page = await OpenInstanceAsync(instance.Id, "zh-CN");
        await RejectAsync("manager", instance.Id);

        var messages = await ClickAsync(page, "urge");

        Assert.That(messages, Is.EqualTo(new[] { "催办失败：此申请已结束，状态为“已驳回”。页面已显示它的结束情况。" }));
        Assert.That(page.Find("[data-testid=instance-state]").GetAttribute("data-state"), Is.EqualTo("Rejected"));
        Assert.That(page.FindAll("[data-testid=urge]"), Is.Empty);
    }

    [Test]
    public async Task Urge_after_rejection_in_english()
    {
        var instance = await StartAsync(OrderDefinitions.FlowKey);
        var page = await OpenInstanceAsync(instance.Id, "en");
        await RejectAsync("manager", instance.Id);

        var messages = await ClickAsync(page, "urge");

        Assert.That(messages, Is.EqualTo(new[]
        {
            "Urge failed: this submission has already ended as \"Rejected\". The page now shows how it ended.",
        }));
    }

    [Test]
    public async Task Withdraw_after_withdrawal_in_english()
    {
        var instance = await StartAsync(OrderDefinitions.FlowKey);
        var page = await OpenInstanceAsync(instance.Id, "en");

        // The initiator withdrew in another browser tab.
        await Work.WithdrawAsync(instance.Id, null, Sales, default);
        var messages = await ClickAsync(page, "withdraw");

        Assert.That(messages, Is.EqualTo(new[]
        {
            "Withdraw failed: this submission has already ended as \"Withdrawn\". The page now shows how it ended.",
        }));
    }

    private Task<InstanceSummary> StartAsync(string flowKey) =>
        Work.StartAsync(
            flowKey, new JsonObject { ["customer"] = "协和医院", ["region"] = "east", ["total"] = 90_000m }, Sales,
            default);

    private async Task ApproveAsync(string userId, string instanceId) =>
        await ActAsync(userId, instanceId, TaskActions.Approve);

    private async Task RejectAsync(string userId, string instanceId) =>
        await ActAsync(userId, instanceId, TaskActions.Reject);

    private async Task ActAsync(string userId, string instanceId, string action)
    {
        var user = await SignInAsync(userId);
        var task = (await Work.GetInboxAsync(user, default)).Single(t => t.InstanceId == instanceId);
        await Work.ActAsync(task.Id, new TaskActionRequest(action), user, default);
    }

    private async Task<UserContext> SignInAsync(string userId)
    {
        var account = (await Scope.ServiceProvider.GetRequiredService<AccountStore>().FindAsync(userId, default))!;
        return UserContext.FromPrincipal(UserContext.ToPrincipal(account, "test"))!;
    }

    private async Task<IRenderedComponent<CascadingValue<Task<AuthenticationState>>>> OpenInstanceAsync(
        string instanceId, string culture)
    {
        Context.Services.AddScoped(_ => new UiText { Culture = culture });
        Context.Render<MudPopoverProvider>();
        _dialogs = Context.Render<MudDialogProvider>();
        var account = (await Scope.ServiceProvider.GetRequiredService<AccountStore>().FindAsync(Sales.Id, default))!;
        var signedIn = Task.FromResult(new AuthenticationState(UserContext.ToPrincipal(account, "test")));
        var page = Context.Render<CascadingValue<Task<AuthenticationState>>>(parameters => parameters
            .Add(cascade => cascade.Value, signedIn)
            .AddChildContent<InstanceDetailPage>(child => child.Add(instancePage => instancePage.Id, instanceId)));
        page.WaitForElement("[data-testid='withdraw']");
        return page;
    }

    /// <summary>
    /// Clicks the page's button with <paramref name="testId"/>, confirms the dialog that withdraw and urge open, and
    /// returns the snackbars. The click is awaited after the dialog closes, because the page's handler awaits the
    /// dialog.
    /// </summary>
    private async Task<IReadOnlyList<string>> ClickAsync(
        IRenderedComponent<CascadingValue<Task<AuthenticationState>>> page, string testId)
    {
        var click = page.Find($"[data-testid='{testId}']").ClickAsync(new MouseEventArgs());
        if (testId is "withdraw" or "urge")
        {
            var confirm = _dialogs!.WaitForElement("[data-testid='reason-confirm']");
            await confirm.ClickAsync(new MouseEventArgs());
        }

        await FinishClickAsync(click);

        var snackbar = Context.Services.GetRequiredService<ISnackbar>();
        page.WaitForAssertion(() => Assert.That(snackbar.ShownSnackbars, Is.Not.Empty));
        return [.. snackbar.ShownSnackbars.Select(shown => shown.Message ?? string.Empty)];
    }

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
