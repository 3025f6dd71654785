using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The task and start pages in bunit on the designer's real services: a refusal that the work service raises after the
/// page opened shows a message in the page's language that says what to do, never the exception's English message.
/// </summary>
[TestFixture]
public sealed class ServiceErrorPageTests : EnginePageTests
{
    protected override string? Culture => "zh-CN";

    protected override bool RendersPopovers => true;

    protected override async Task PublishAsync(IDefinitionService definitions)
    {
        // Defaults that pass the form's rules, so that the start page submits without typing.
        var form = OrderDefinitions.Form();
        form.Fields.Single(field => field.Id == "customer").Default = "协和医院";
        form.Fields.Single(field => field.Id == "region").Default = "east";
        form.Fields.Single(field => field.Id == "total").Default = 900m;
        await definitions.SaveDraftAsync(
            DefinitionKind.Form, OrderDefinitions.FormKey, DefinitionJson.Serialize(form), null, "owner", default);
        await definitions.PublishAsync(DefinitionKind.Form, OrderDefinitions.FormKey, "owner", null, default);
        await PublishFlowVariantAsync(definitions, OrderDefinitions.FlowKey, _ => { });
    }

    // The task page reloads when the engine reports a change of the user's tasks, which would hide the buttons before
    // the test clicks one. Without the reports, the click acts on the page as the user last saw it.
    protected override void AddServices(IServiceCollection services) =>
        services.AddSingleton<ITaskNotifier, SilentNotifier>();

    [Test]
    public async Task Approve_on_completed_task_in_chinese()
    {
        var work = Get<IWorkService>();
        var manager = await SignInAsync("manager");
        var instance = await work.StartAsync(
            OrderDefinitions.FlowKey,
            new System.Text.Json.Nodes.JsonObject { ["customer"] = "协和医院", ["region"] = "east", ["total"] = 900m },
            await SignInAsync("sales1"), default);
        var task = (await work.GetInboxAsync(manager, default)).Single(t => t.InstanceId == instance.Id);
        var page = await RenderAsync<TaskPage>(manager, child => child.Add(taskPage => taskPage.Id, task.Id));
        page.WaitForElement("[data-testid='action-approve']");
        await work.ActAsync(task.Id, new TaskActionRequest(TaskActions.Approve), manager, default);

        await page.Find("[data-testid='action-approve']").ClickAsync(new MouseEventArgs());

        // The task closed, so the page replaces the form with a notice that names who decided it.
        var notice = page.WaitForElement("[data-testid='task-conflict-message']").TextContent;
        Assert.That(notice, Does.StartWith("王芳 Wang Fang 已"));
        Assert.That(notice, Does.Not.Contain("Task "));
        Assert.That(page.FindAll("[data-testid='action-approve']"), Is.Empty);
    }

    [Test]
    public async Task Start_after_starters_changed_in_chinese()
    {
        var sales1 = await SignInAsync("sales1");
        var page = await RenderAsync<StartFlow>(
            sales1, child => child.Add(start => start.FlowKey, OrderDefinitions.FlowKey));
        page.WaitForElement("[data-field=customer]");

        // The process owner narrows who may start the flow while the page is open.
        var definitions = Get<IDefinitionService>();
        var flow = OrderDefinitions.Flow();
        flow.Starters = [new AssigneeRule { Type = AssigneeTypes.User, Value = "sales2" }];
        var draft = await definitions.GetDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, default);
        await definitions.SaveDraftAsync(
            DefinitionKind.Flow, OrderDefinitions.FlowKey, DefinitionJson.Serialize(flow), draft?.Revision, "owner",
            default);
        var published = await definitions.PublishAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, "owner", null, default);
        Assert.That(published.Published, Is.True, string.Join("; ", published.Diagnostics.Select(d => d.Message)));
        await page.Find("form").SubmitAsync();

        var messages = Snackbars(page);
        Assert.That(messages, Is.EqualTo(new[] { "提交失败：你不能在这里发起此流程。请从“发起流程”列出的流程中选择。" }));
        Assert.That(await Get<IWorkService>().GetInstancesAsync(sales1, default), Is.Empty);
    }

    private async Task<IRenderedComponent<CascadingValue<Task<AuthenticationState>>>> RenderAsync<TPage>(
        UserContext user, Action<ComponentParameterCollectionBuilder<TPage>> parameters)
        where TPage : IComponent
    {
        var account = (await Get<AccountStore>().FindAsync(user.Id, default))!;
        var signedIn = Task.FromResult(new AuthenticationState(UserContext.ToPrincipal(account, "test")));
        return Context.Render<CascadingValue<Task<AuthenticationState>>>(builder => builder
            .Add(cascade => cascade.Value, signedIn)
            .AddChildContent<TPage>(parameters));
    }

    private IReadOnlyList<string> Snackbars(IRenderedComponent<CascadingValue<Task<AuthenticationState>>> page)
    {
        var snackbar = Context.Services.GetRequiredService<ISnackbar>();
        page.WaitForAssertion(() => Assert.That(snackbar.ShownSnackbars, Is.Not.Empty));
        return [.. snackbar.ShownSnackbars.Select(shown => shown.Message ?? string.Empty)];
    }

    private async Task<UserContext> SignInAsync(string userId)
    {
        var account = (await Get<AccountStore>().FindAsync(userId, default))!;
        return UserContext.FromPrincipal(UserContext.ToPrincipal(account, "test"))!;
    }

    private sealed class SilentNotifier : ITaskNotifier
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
