using System.Text.Json.Nodes;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The instance page in bunit on the designer's real work service and engine, with a fake clock past the manager's
/// deadline: after an escalation, every reader of the submission sees the open task's new assignee.
/// </summary>
[TestFixture]
public sealed class CurrentAssigneesPageTests : EnginePageTests
{
    private static readonly UserContext Sales = new(
        "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
        "zh-CN");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 3, 3, 1, 0, 0, TimeSpan.Zero));

    protected override TimeProvider? Clock => _clock;

    protected override string? Culture => "en";

    protected override bool RendersPopovers => true;

    protected override Task PublishAsync(IDefinitionService definitions) => OrderDefinitions.PublishAsync(
        definitions, "owner", OrderDefinitions.FlowWithOverdue(new OverduePolicy
        {
            Action = "escalate", To = [new AssigneeRule { Type = AssigneeTypes.User, Value = "credit1" }],
        }));

    [Test]
    public async Task Escalation_shows_new_assignee()
    {
        var instance = await Get<IWorkService>().StartAsync(
            OrderDefinitions.FlowKey,
            new JsonObject { ["customer"] = "仁济医院", ["region"] = "east", ["total"] = 1200m },
            Sales,
            default);
        var before = Assignees(await OpenAsync(instance.Id, Sales.Id));

        await EscalateAsync(instance.Id);
        var initiatorPage = await OpenAsync(instance.Id, Sales.Id);
        var after = Assignees(initiatorPage);
        var newAssigneePage = await OpenAsync(instance.Id, "credit1");

        Assert.That(before, Has.Count.EqualTo(1));
        Assert.That(before[0], Is.Not.EqualTo("credit1"));
        Assert.That(after, Is.EqualTo(new[] { "credit1" }));
        Assert.That(initiatorPage.Find("[data-testid=current-assignee]").TextContent, Does.Contain("陈静 Chen Jing · Manager approval"));
        Assert.That(initiatorPage.Find("[data-testid=current-assignee]").TextContent, Does.Contain("Due: 2025-03-07"));
        Assert.That(Assignees(newAssigneePage), Is.EqualTo(new[] { "credit1" }));
    }

    [Test]
    public async Task Finished_instance_lists_nobody()
    {
        var instance = await Get<IWorkService>().StartAsync(
            OrderDefinitions.FlowKey,
            new JsonObject { ["customer"] = "仁济医院", ["region"] = "east", ["total"] = 1200m },
            Sales,
            default);
        await Get<IWorkService>().WithdrawAsync(instance.Id, null, Sales, default);

        var page = await OpenAsync(instance.Id, Sales.Id);

        Assert.That(page.FindAll("[data-testid=current-assignees]"), Is.Empty);
    }

    private static List<string> Assignees(IRenderedComponent<CascadingValue<Task<AuthenticationState>>> page) =>
        [.. page.FindAll("[data-testid=current-assignee]").Select(row => row.GetAttribute("data-user") ?? string.Empty)];

    private async Task EscalateAsync(string instanceId)
    {
        _clock.Advance(TimeSpan.FromDays(2));
        await DueWork.RunUntilAsync(
            App.Services,
            async () => (await Get<IWorkService>().GetInstanceAsync(instanceId, Sales, default))!
                .Audit.Any(entry => entry.Action == "escalated"),
            "the escalation of the manager's task");
    }

    private async Task<IRenderedComponent<CascadingValue<Task<AuthenticationState>>>> OpenAsync(
        string instanceId, string userId)
    {
        var account = (await Get<AccountStore>().FindAsync(userId, default))!;
        var signedIn = Task.FromResult(new AuthenticationState(UserContext.ToPrincipal(account, "test")));
        var page = Context.Render<CascadingValue<Task<AuthenticationState>>>(parameters => parameters
            .Add(cascade => cascade.Value, signedIn)
            .AddChildContent<InstanceDetailPage>(child => child.Add(instancePage => instancePage.Id, instanceId)));
        page.WaitForElement("[data-testid='instance-title']");
        return page;
    }
}
