using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The start page of a user who may start none of the published flows states that flows exist and whom to ask,
/// instead of saying that nothing is published.
/// </summary>
[TestFixture]
public sealed class NoStartableFlowTests : EnginePageTests
{
    protected override string? Culture => "zh-CN";

    protected override Task PublishAsync(IDefinitionService definitions)
    {
        var flow = OrderDefinitions.Flow();
        flow.Starters = [new AssigneeRule { Type = AssigneeTypes.Role, Value = RoleNames.Sales }];
        return OrderDefinitions.PublishAsync(definitions, "owner", flow);
    }

    [Test]
    public async Task Start_page_names_who_to_ask()
    {
        var page = await OpenStartPageAsync("credit1");

        Assert.That(page.FindAll("[data-testid=startable-flow]"), Is.Empty);
        Assert.That(page.Find("[data-testid=no-startable-flows]").TextContent.Trim(), Is.EqualTo(
            "已有发布的流程，但没有你可以手动发起的流程。有些流程由记录或定时任务自动发起。" +
            "如需发起其他流程，请联系该流程的负责人或管理员，在流程设置的“谁可以发起”中加入你。"));
    }

    [Test]
    public async Task Start_page_lists_starter_flows()
    {
        var page = await OpenStartPageAsync("sales1");

        Assert.That(page.FindAll("[data-testid=startable-flow]"), Has.Count.EqualTo(1));
        Assert.That(page.FindAll("[data-testid=no-startable-flows]"), Is.Empty);
    }

    private async Task<IRenderedComponent<CascadingValue<Task<AuthenticationState>>>> OpenStartPageAsync(string userId)
    {
        var account = (await Get<AccountStore>().FindAsync(userId, default))!;
        var signedIn = Task.FromResult(new AuthenticationState(UserContext.ToPrincipal(account, "test")));
        var page = Context.Render<CascadingValue<Task<AuthenticationState>>>(parameters => parameters
            .Add(cascade => cascade.Value, signedIn)
            .AddChildContent<StartFlow>());
        page.WaitForElement("[data-testid=startable-flow], [data-testid=no-startable-flows]");
        return page;
    }
}
