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
/// The task page in bunit on the designer's real work service and engine. When the engine rejects a transfer or an
/// added signer, the page shows the reason in the user's language. It names the "Person" field by its label, never by
/// the API's field name.
/// </summary>
[TestFixture]
public sealed class TaskActionErrorPageTests : EnginePageTests
{
    private const string CountersignFlow = "order-countersign";

    private static readonly UserContext Sales = new(
        "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
        "zh-CN");

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
        var work = Scope.ServiceProvider.GetRequiredService<IWorkService>();
        var accounts = Scope.ServiceProvider.GetRequiredService<AccountStore>();
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
