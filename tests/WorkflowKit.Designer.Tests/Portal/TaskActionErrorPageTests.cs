using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The task page in bunit on the designer's real work service and engine. When the engine rejects a transfer or an
/// added signer, the page shows the reason in the user's language. It names the "Person" field by its label, never by
/// the API's field name.
/// </summary>
[TestFixture]
public sealed class TaskActionErrorPageTests
{
    private const string CountersignFlow = "order-countersign";

    private static readonly UserContext Sales = new(
        "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
        "zh-CN");

    private DesignerAppFactory _app = default!;
    private IServiceScope _scope = default!;

    private BunitContext Context { get; set; } = default!;

    [SetUp]
    public async Task CreateContextAsync()
    {
        _app = new DesignerAppFactory();
        _scope = _app.Services.CreateScope();
        var definitions = _scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        var flow = OrderDefinitions.Flow();
        flow.Key = CountersignFlow;
        var node = flow.Nodes.Single(candidate => candidate.Id == OrderDefinitions.ManagerNode);
        node.ApprovalMode = ApprovalModes.Countersign;
        node.Assignees =
        [
            new AssigneeRule { Type = AssigneeTypes.User, Value = "manager" },
            new AssigneeRule { Type = AssigneeTypes.User, Value = "finance1" },
        ];
        await definitions.SaveDraftAsync(
            DefinitionKind.Flow, CountersignFlow, DefinitionJson.Serialize(flow), null, "owner", default);
        var published = await definitions.PublishAsync(DefinitionKind.Flow, CountersignFlow, "owner", null, default);
        Assert.That(published.Published, Is.True, string.Join("; ", published.Diagnostics.Select(d => d.Message)));

        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddFallbackServiceProvider(_scope.ServiceProvider);

        // The diagram library measures its canvas through JavaScript, which bunit does not run.
        Context.ComponentFactories.AddStub<ProgressDiagram>();
    }

    [TearDown]
    public async Task DisposeContextAsync()
    {
        await Context.DisposeAsync();
        _scope.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Transfer_to_participant_in_chinese()
    {
        var page = await OpenManagerTaskAsync("zh-CN");

        var messages = await ActAsync(page, "finance1", TaskActions.Transfer);

        Assert.That(messages, Is.EqualTo(new[]
        {
            "转交失败：刘洋 Liu Yang 在此节点已有待办任务。请在“人员”中选择尚未参与此节点的人员。",
        }));
    }

    [Test]
    public async Task Add_signer_participant_in_chinese()
    {
        var page = await OpenManagerTaskAsync("zh-CN");

        var messages = await ActAsync(page, "finance1", TaskActions.AddSignerBefore);

        Assert.That(messages, Is.EqualTo(new[]
        {
            "在我之前加签失败：刘洋 Liu Yang 在此节点已有待办任务。请在“人员”中选择尚未参与此节点的人员。",
        }));
    }

    [Test]
    public async Task Transfer_to_unknown_user_in_chinese()
    {
        var page = await OpenManagerTaskAsync("zh-CN");

        // A person removed after the page listed them: the engine no longer finds them.
        var messages = await ActAsync(page, "left-the-company", TaskActions.Transfer);

        Assert.That(messages, Is.EqualTo(new[]
        {
            "转交失败：“人员”中选择的 left-the-company 不是组织中的用户。请在“人员”中另选人员后重试。",
        }));
        Assert.That(messages[0], Does.Not.Contain("targetUserId"));
    }

    [Test]
    public async Task Transfer_to_participant_in_english()
    {
        var page = await OpenManagerTaskAsync("en");

        var messages = await ActAsync(page, "finance1", TaskActions.Transfer);

        Assert.That(messages, Is.EqualTo(new[]
        {
            "Transfer failed: 刘洋 Liu Yang already has an open task at this step. Choose someone in \"Person\" who " +
            "does not take part in this step yet.",
        }));
    }

    private async Task<IRenderedComponent<CascadingValue<Task<AuthenticationState>>>> OpenManagerTaskAsync(
        string culture)
    {
        Context.Services.AddScoped(_ => new UiText { Culture = culture });
        Context.Render<MudPopoverProvider>();
        var work = _scope.ServiceProvider.GetRequiredService<IWorkService>();
        var accounts = _scope.ServiceProvider.GetRequiredService<AccountStore>();
        var instance = await work.StartAsync(
            CountersignFlow,
            new System.Text.Json.Nodes.JsonObject { ["customer"] = "协和医院", ["region"] = "east", ["total"] = 90_000m },
            Sales, default);
        var managerUser = (await accounts.FindAsync("manager", default))!;
        var manager = UserContext.FromPrincipal(UserContext.ToPrincipal(managerUser, "test"))!;
        var task = (await work.GetInboxAsync(manager, default)).Single(t => t.InstanceId == instance.Id);
        var signedIn = Task.FromResult(new AuthenticationState(UserContext.ToPrincipal(managerUser, "test")));

        var page = Context.Render<CascadingValue<Task<AuthenticationState>>>(parameters => parameters
            .Add(cascade => cascade.Value, signedIn)
            .AddChildContent<TaskPage>(child => child.Add(taskPage => taskPage.Id, task.Id)));
        page.WaitForElement("[data-testid='action-transfer']");
        return page;
    }

    /// <summary>Chooses <paramref name="person"/> in the "Person" field, clicks the action and returns the snackbars.</summary>
    private async Task<IReadOnlyList<string>> ActAsync(
        IRenderedComponent<CascadingValue<Task<AuthenticationState>>> page, string person, string action)
    {
        var select = page.FindComponents<MudSelect<string>>().Single(candidate =>
            (string?)candidate.Instance.UserAttributes.GetValueOrDefault("data-testid") == "target-user");
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(person));

        await page.Find($"[data-testid='action-{action}']").ClickAsync(new MouseEventArgs());

        var snackbar = Context.Services.GetRequiredService<ISnackbar>();
        page.WaitForAssertion(() => Assert.That(snackbar.ShownSnackbars, Is.Not.Empty));
        return [.. snackbar.ShownSnackbars.Select(shown => shown.Message ?? string.Empty)];
    }
}
