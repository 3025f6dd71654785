using System.Text.Json.Nodes;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// Reject, return, withdraw, cancel and urge in bunit on the designer's real work service and engine: each opens a dialog
/// first, reject and return reject a blank reason, and cancelling leaves the submission as it was.
/// </summary>
/// <remarks>
/// The dialog renders in the <see cref="MudDialogProvider"/> of the base class, not in the page, so the tests find its
/// elements through <see cref="EnginePageTests.Dialogs"/>. The click that opens it is not awaited until the dialog is
/// closed, because the page's handler awaits the dialog's result.
/// </remarks>
[TestFixture]
public sealed class ActionConfirmationPageTests : EnginePageTests
{
    private const string ReasonText = "textarea[data-testid='reason-text']";

    protected override string? Culture => "zh-CN";

    protected override bool RendersPopovers => true;

    private IWorkService Work => Get<IWorkService>();

    protected override Task PublishAsync(IDefinitionService definitions) =>
        OrderDefinitions.PublishAsync(definitions, "owner");

    [Test]
    public async Task Reject_blank_reason_keeps_dialog()
    {
        var (instance, task, manager) = await StartAtManagerAsync();
        var page = RenderPage<TaskPage>(page => page.Id, task.Id, manager);

        var click = page.Find("[data-testid='action-reject']").ClickAsync(new MouseEventArgs());
        var dialog = Dialogs!;
        await dialog.WaitForElement("[data-testid='reason-confirm']").ClickAsync(new MouseEventArgs());

        dialog.WaitForAssertion(() => Assert.That(dialog.FindAll(".mud-input-helper-text"), Has.Count.EqualTo(1)));
        Assert.That(dialog.Find(".mud-dialog-title").TextContent, Does.Contain("确定驳回此申请？"));
        Assert.That(dialog.Find(".mud-input-helper-text").TextContent, Is.EqualTo("请填写原因，相关人员会看到它。"));
        Assert.That(dialog.Find(ReasonText).GetAttribute("aria-invalid"), Is.EqualTo("true"));
        Assert.That(dialog.FindAll("[data-testid='reason-confirm']"), Has.Count.EqualTo(1), "the dialog stays open");
        Assert.That(click.IsCompleted, Is.False, "the page still waits for the dialog");
        var detail = await Work.GetInstanceAsync(instance.Id, manager, default);
        Assert.That(detail!.Tasks.Single(t => t.Id == task.Id).State, Is.EqualTo(TaskState.Open));

        await dialog.Find("[data-testid='reason-cancel']").ClickAsync(new MouseEventArgs());
        await FinishClickAsync(click);
    }

    [Test]
    public async Task Reject_with_reason_records_it()
    {
        var (instance, task, manager) = await StartAtManagerAsync();
        var page = RenderPage<TaskPage>(page => page.Id, task.Id, manager);

        var click = page.Find("[data-testid='action-reject']").ClickAsync(new MouseEventArgs());
        var dialog = Dialogs!;
        dialog.WaitForElement(ReasonText).Input("  客户信用额度不足 ");
        await dialog.Find("[data-testid='reason-confirm']").ClickAsync(new MouseEventArgs());
        await FinishClickAsync(click);

        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.That(new Uri(navigation.Uri).AbsolutePath, Is.EqualTo("/")));
        Assert.That(dialog.FindAll("[data-testid='reason-confirm']"), Is.Empty, "the dialog is closed");
        var detail = await Work.GetInstanceAsync(instance.Id, manager, default);
        Assert.That(detail!.Tasks.Single(t => t.Id == task.Id).State, Is.Not.EqualTo(TaskState.Open));
        Assert.That(detail.Summary.State, Is.EqualTo(InstanceState.Rejected));
        Assert.That(detail.Audit.Select(entry => entry.Comment), Does.Contain("客户信用额度不足"), "the trimmed reason");
    }

    [Test]
    public async Task Return_cancel_keeps_task_open()
    {
        var (instance, task, manager) = await StartAtManagerAsync();
        var page = RenderPage<TaskPage>(page => page.Id, task.Id, manager);

        var click = page.Find("[data-testid='action-return']").ClickAsync(new MouseEventArgs());
        var dialog = Dialogs!;
        dialog.WaitForElement(ReasonText).Input("金额有误");
        await dialog.Find("[data-testid='reason-cancel']").ClickAsync(new MouseEventArgs());
        await FinishClickAsync(click);

        dialog.WaitForAssertion(() => Assert.That(dialog.FindAll("[data-testid='reason-confirm']"), Is.Empty));
        var detail = await Work.GetInstanceAsync(instance.Id, manager, default);
        Assert.That(detail!.Tasks.Single(t => t.Id == task.Id).State, Is.EqualTo(TaskState.Open));
        Assert.That(detail.Audit.Select(entry => entry.Action), Has.No.Member("returnToInitiator"));
        Assert.That(detail.Audit.Select(entry => entry.Comment), Has.No.Member("金额有误"));
    }

    [Test]
    public async Task Withdraw_asks_then_keeps_reason()
    {
        var (instance, _, _) = await StartAtManagerAsync();
        var sales = await UserAsync("sales1");
        var page = RenderPage<InstanceDetailPage>(page => page.Id, instance.Id, sales);

        var cancelled = page.Find("[data-testid='withdraw']").ClickAsync(new MouseEventArgs());
        var dialog = Dialogs!;
        Assert.That(dialog.WaitForElement(".mud-dialog-title").TextContent, Does.Contain("确定撤回此申请？"));
        await dialog.Find("[data-testid='reason-cancel']").ClickAsync(new MouseEventArgs());
        await FinishClickAsync(cancelled);
        var afterCancel = await Work.GetInstanceAsync(instance.Id, sales, default);
        Assert.That(afterCancel!.Summary.State, Is.EqualTo(InstanceState.Running), "cancel does not withdraw");

        var confirmed = page.Find("[data-testid='withdraw']").ClickAsync(new MouseEventArgs());
        dialog.WaitForElement(ReasonText).Input("客户取消了订单");
        await dialog.Find("[data-testid='reason-confirm']").ClickAsync(new MouseEventArgs());
        await FinishClickAsync(confirmed);

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid='withdraw']"), Is.Empty));
        var detail = await Work.GetInstanceAsync(instance.Id, sales, default);
        Assert.That(detail!.Summary.State, Is.EqualTo(InstanceState.Withdrawn));
        Assert.That(detail.Audit.Select(entry => entry.Comment), Does.Contain("客户取消了订单"));
    }

    [Test]
    public async Task Cancel_dialog_buttons_differ()
    {
        var (instance, _, _) = await StartAtManagerAsync();
        var admin = await UserAsync("admin");
        var page = RenderPage<InstanceDetailPage>(page => page.Id, instance.Id, admin, "[data-testid='cancel-instance']");
        Assert.That(page.Find("[data-testid='cancel-instance']").TextContent.Trim(), Is.EqualTo("撤销申请"));

        var click = page.Find("[data-testid='cancel-instance']").ClickAsync(new MouseEventArgs());
        var dialog = Dialogs!;
        Assert.That(dialog.WaitForElement(".mud-dialog-title").TextContent, Does.Contain("撤销此申请？"));
        Assert.That(dialog.Find("[data-testid='reason-cancel']").TextContent.Trim(), Is.EqualTo("关闭"));
        Assert.That(dialog.Find("[data-testid='reason-confirm']").TextContent.Trim(), Is.EqualTo("撤销申请"));
        await dialog.Find("[data-testid='reason-cancel']").ClickAsync(new MouseEventArgs());
        await FinishClickAsync(click);

        var detail = await Work.GetInstanceAsync(instance.Id, admin, default);
        Assert.That(detail!.Summary.State, Is.EqualTo(InstanceState.Running), "closing the dialog cancels nothing");
    }

    [Test]
    public async Task Urge_asks_then_sends_message()
    {
        var (instance, _, manager) = await StartAtManagerAsync();
        var sales = await UserAsync("sales1");
        var page = RenderPage<InstanceDetailPage>(page => page.Id, instance.Id, sales);

        var cancelled = page.Find("[data-testid='urge']").ClickAsync(new MouseEventArgs());
        var dialog = Dialogs!;
        Assert.That(dialog.WaitForElement(".mud-dialog-title").TextContent, Does.Contain("确定催办此申请？"));
        Assert.That(dialog.Find("[data-testid='reason-dialog-explanation']").TextContent, Is.EqualTo(
            "王芳 Wang Fang 会收到一条写明此申请和你的名字的通知。每位处理人每 10 分钟只能催办一次。"));
        Assert.That(dialog.Find("label").TextContent, Does.Contain("留言（可选）"));
        await dialog.Find("[data-testid='reason-cancel']").ClickAsync(new MouseEventArgs());
        await FinishClickAsync(cancelled);
        Assert.That(await UrgesAsync(manager), Is.Empty, "cancel does not urge");

        var confirmed = page.Find("[data-testid='urge']").ClickAsync(new MouseEventArgs());
        dialog.WaitForElement(ReasonText).Input("客户在等发货");
        await dialog.Find("[data-testid='reason-confirm']").ClickAsync(new MouseEventArgs());
        await FinishClickAsync(confirmed);

        var urge = (await UrgesAsync(manager)).Single();
        Assert.That(urge.Message!.Get("zh-CN"), Is.EqualTo("经理审批：张伟 Zhang Wei 催办“协和医院”。留言：客户在等发货"));
        Assert.That((await Work.GetUrgesAsync(manager, default)).Single().Comment, Is.EqualTo("客户在等发货"));
    }

    [Test]
    public async Task Urge_twice_explains_wait()
    {
        var (instance, _, manager) = await StartAtManagerAsync();
        var sales = await UserAsync("sales1");
        var page = RenderPage<InstanceDetailPage>(page => page.Id, instance.Id, sales);
        var snackbar = Context.Services.GetRequiredService<ISnackbar>();

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var click = page.Find("[data-testid='urge']").ClickAsync(new MouseEventArgs());
            await Dialogs!.WaitForElement("[data-testid='reason-confirm']").ClickAsync(new MouseEventArgs());
            await FinishClickAsync(click);
        }

        page.WaitForAssertion(() => Assert.That(snackbar.ShownSnackbars.Count(), Is.EqualTo(2)));
        Assert.That(snackbar.ShownSnackbars.Select(shown => shown.Message), Is.EqualTo(new[]
        {
            "已提醒处理人。",
            "催办失败：你几分钟前已催办过此申请的当前处理人，本次没有再次通知。请在 10 分钟后再催办。",
        }));
        Assert.That(await UrgesAsync(manager), Has.Count.EqualTo(1));
    }

    private async Task<IReadOnlyList<UserNotification>> UrgesAsync(UserContext user) =>
        [.. (await Work.GetNotificationsAsync(user, unreadOnly: false, default))
            .Where(notification => notification.Kind == Runtime.Notifications.NotificationKinds.Urge)];

    private async Task<(InstanceSummary Instance, WorkTask Task, UserContext Manager)> StartAtManagerAsync()
    {
        var sales = await UserAsync("sales1");
        var manager = await UserAsync("manager");
        var order = new JsonObject { ["customer"] = "协和医院", ["region"] = "east", ["total"] = 90_000m };
        var instance = await Work.StartAsync(OrderDefinitions.FlowKey, order, sales, default);
        var task = (await Work.GetInboxAsync(manager, default)).Single(t => t.InstanceId == instance.Id);
        return (instance, task, manager);
    }

    private async Task<UserContext> UserAsync(string id)
    {
        var account = await Get<AccountStore>().FindAsync(id, default);
        return UserContext.FromPrincipal(UserContext.ToPrincipal(account!, "test"))!;
    }

    /// <summary>
    /// Renders the page as <paramref name="user"/> and waits for <paramref name="readySelector"/>: by default the task's
    /// comment box or the initiator's withdraw button.
    /// </summary>
    private IRenderedComponent<CascadingValue<Task<AuthenticationState>>> RenderPage<TPage>(
        System.Linq.Expressions.Expression<Func<TPage, string>> id, string value, UserContext user,
        string? readySelector = null)
        where TPage : IComponent
    {
        var account = Get<AccountStore>().FindAsync(user.Id, default).GetAwaiter().GetResult()!;
        var signedIn = Task.FromResult(new AuthenticationState(UserContext.ToPrincipal(account, "test")));
        var page = Context.Render<CascadingValue<Task<AuthenticationState>>>(parameters => parameters
            .Add(cascade => cascade.Value, signedIn)
            .AddChildContent<TPage>(child => child.Add(id, value)));
        page.WaitForElement(readySelector
            ?? (typeof(TPage) == typeof(TaskPage) ? "[data-testid='task-comment']" : "[data-testid='withdraw']"));
        return page;
    }
}
