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
/// The task page in bunit on the designer's real work service and engine: the manager returns the order at the
/// first step to the initiator, who corrects and resubmits it, and a step without a return target shows no return.
/// </summary>
[TestFixture]
public sealed class ReturnToInitiatorPageTests : EnginePageTests
{
    private const string NoInitiatorFlow = "order-no-initiator-return";

    protected override string? Culture => "zh-CN";

    protected override bool RendersPopovers => true;

    protected override async Task PublishAsync(IDefinitionService definitions)
    {
        await OrderDefinitions.PublishAsync(definitions, "owner");
        await PublishFlowVariantAsync(
            definitions, NoInitiatorFlow,
            flow => flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode).AllowReturnToInitiator = false);
    }

    [Test]
    public async Task Returned_order_is_resubmitted()
    {
        var work = Scope.ServiceProvider.GetRequiredService<IWorkService>();
        var sales = await UserAsync("sales1");
        var manager = await UserAsync("manager");
        var instance = await work.StartAsync(OrderDefinitions.FlowKey, Order(), sales, default);
        var managerTask = (await work.GetInboxAsync(manager, default)).Single(t => t.InstanceId == instance.Id);

        var managerPage = Render(managerTask.Id, manager);
        var target = ReturnTargetSelect(managerPage);
        Assert.That(target.Find("input").GetAttribute("value"), Is.EqualTo("发起人"),
            "the initiator is preselected");
        await managerPage.InvokeAsync(() => target.Instance.OpenMenu());
        var popovers = Popovers!;
        popovers.WaitForAssertion(() => Assert.That(
            popovers.FindAll(".mud-list-item").Select(item => item.TextContent.Trim()), Is.EqualTo(new[] { "发起人" })));
        await managerPage.InvokeAsync(() => target.Instance.CloseMenu());
        managerPage.FindComponents<MudTextField<string>>()
            .Single(field => (string?)field.Instance.UserAttributes.GetValueOrDefault("data-testid") == "task-comment")
            .Find("textarea").Change("订单金额有误，请核对");
        var click = managerPage.Find("[data-testid='action-return']").ClickAsync(new MouseEventArgs());
        var dialog = Dialogs!;
        Assert.That(
            dialog.WaitForElement("textarea[data-testid='reason-text']").GetAttribute("value"),
            Is.EqualTo("订单金额有误，请核对"), "the comment typed on the page is the dialog's reason");
        Assert.That(dialog.Find(".mud-dialog-title").TextContent, Does.Contain("确定将此申请退回给发起人？"));
        await dialog.Find("[data-testid='reason-confirm']").ClickAsync(new MouseEventArgs());
        await FinishClickAsync(click);
        WaitForNavigation(managerPage);

        var inbox = await work.GetInboxAsync(sales, default);
        var resubmission = inbox.Single(t => t.InstanceId == instance.Id);
        Assert.That(resubmission.NodeId, Is.EqualTo("start"));
        Assert.That(resubmission.ReturnNote?.Comment, Is.EqualTo("订单金额有误，请核对"));
        Assert.That(resubmission.ReturnNote?.ReturnedByName, Is.EqualTo("王芳 Wang Fang"));

        var salesPage = Render(resubmission.Id, sales);
        Assert.That(salesPage.Find("[data-testid='return-comment']").TextContent, Does.Contain("订单金额有误，请核对"));
        Assert.That(salesPage.FindAll("[data-testid='action-return']"), Is.Empty);
        Assert.That(salesPage.FindAll("[data-testid='action-withdraw']"), Has.Count.EqualTo(1));
        salesPage.Find("[data-field=total] input").Change("95000");
        await salesPage.Find("[data-testid='action-resubmit']").ClickAsync(new MouseEventArgs());
        WaitForNavigation(salesPage);

        var again = (await work.GetInboxAsync(manager, default)).Single(t => t.InstanceId == instance.Id);
        var detail = await work.GetInstanceAsync(instance.Id, sales, default);
        Assert.That(again.Id, Is.Not.EqualTo(managerTask.Id));
        Assert.That(again.NodeId, Is.EqualTo(OrderDefinitions.ManagerNode));
        Assert.That(detail!.Data["total"]!.GetValue<decimal>(), Is.EqualTo(95_000m));
        Assert.That(detail.Audit.Select(entry => entry.Action), Does.Contain("returnToInitiator"));
        Assert.That(detail.Audit.Select(entry => entry.Action), Does.Contain("resubmit"));
        Assert.That(await work.GetInboxAsync(sales, default), Is.Empty);
    }

    [Test]
    public async Task First_step_without_target_offers_no_return()
    {
        var work = Scope.ServiceProvider.GetRequiredService<IWorkService>();
        var manager = await UserAsync("manager");
        var instance = await work.StartAsync(NoInitiatorFlow, Order(), await UserAsync("sales1"), default);
        var task = (await work.GetInboxAsync(manager, default)).Single(t => t.InstanceId == instance.Id);

        var page = Render(task.Id, manager);

        Assert.That(page.FindAll("[data-testid='action-approve']"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll("[data-testid='action-return']"), Is.Empty);
        Assert.That(page.FindAll("[data-testid='return-target']"), Is.Empty);
    }

    private static System.Text.Json.Nodes.JsonObject Order() =>
        new() { ["customer"] = "协和医院", ["region"] = "east", ["total"] = 90_000m };

    private async Task<UserContext> UserAsync(string id)
    {
        var account = await Scope.ServiceProvider.GetRequiredService<AccountStore>().FindAsync(id, default);
        return UserContext.FromPrincipal(UserContext.ToPrincipal(account!, "test"))!;
    }

    private IRenderedComponent<CascadingValue<Task<AuthenticationState>>> Render(string taskId, UserContext user)
    {
        var signedIn = Task.FromResult(new AuthenticationState(UserContext.ToPrincipal(
            Scope.ServiceProvider.GetRequiredService<AccountStore>().FindAsync(user.Id, default).GetAwaiter().GetResult()!,
            "test")));
        // The page goes to the inbox after an action, so a changed address shows that the action succeeded.
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/tasks/{taskId}");
        var page = Context.Render<CascadingValue<Task<AuthenticationState>>>(parameters => parameters
            .Add(cascade => cascade.Value, signedIn)
            .AddChildContent<TaskPage>(child => child.Add(taskPage => taskPage.Id, taskId)));
        page.WaitForElement("[data-testid='task-comment']");
        return page;
    }

    private static IRenderedComponent<MudSelect<string>> ReturnTargetSelect(IRenderedComponent<CascadingValue<Task<AuthenticationState>>> page) =>
        page.FindComponents<MudSelect<string>>().Single(candidate =>
            (string?)candidate.Instance.UserAttributes.GetValueOrDefault("data-testid") == "return-target");

    private void WaitForNavigation(IRenderedComponent<CascadingValue<Task<AuthenticationState>>> page)
    {
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        var snackbar = Context.Services.GetRequiredService<ISnackbar>();
        page.WaitForAssertion(
            () => Assert.That(new Uri(navigation.Uri).AbsolutePath, Is.EqualTo("/"),
                string.Join("; ", snackbar.ShownSnackbars.Select(shown => shown.Message))),
            TimeSpan.FromSeconds(10));
    }
}
