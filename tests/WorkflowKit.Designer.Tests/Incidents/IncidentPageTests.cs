using System.Text.Json.Nodes;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Diagnostics;
using WorkflowKit.Designer.Incidents;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Incidents;

/// <summary>
/// The incidents page and the instance page's stuck banner in bunit, on the designer's real services and engine: an
/// order whose finance approval matched nobody is listed, and after the organisation data is fixed, Retry gives the
/// approver a task.
/// </summary>
[TestFixture]
public sealed class IncidentPageTests : EnginePageTests
{
    private const string ChineseSummary =
        "步骤“经理审批”找不到可以接收任务的人。请联系管理员为相应角色或部门添加成员，或修改该步骤的处理人规则，然后重试。";

    private IWorkService Work => Scope.ServiceProvider.GetRequiredService<IWorkService>();

    private AccountStore Accounts => Scope.ServiceProvider.GetRequiredService<AccountStore>();

    protected override async Task PublishAsync(IDefinitionService definitions)
    {
        await StuckOrders.PublishAsync(definitions);
    }

    [Test]
    public async Task Page_lists_stuck_order_in_chinese()
    {
        var instance = await StuckOrders.StartNorthOrderAsync(Work, Accounts);

        var page = await RenderAsync<IncidentsPage>("owner", "zh-CN");

        var row = page.WaitForElement("[data-testid=incident-row]");
        Assert.That(row.GetAttribute("data-instance"), Is.EqualTo(instance.Id));
        Assert.That(row.TextContent.Trim(), Is.EqualTo("北京协和医院"));
        Assert.That(page.Find("[data-testid=incident-node]").TextContent.Trim(), Is.EqualTo("经理审批"));
        Assert.That(page.Find("[data-testid=incident-kind]").TextContent.Trim(), Is.EqualTo("没有处理人"));
        Assert.That(page.Find("[data-testid=incident-message]").TextContent.Trim(), Is.EqualTo(ChineseSummary));
        Assert.That(page.Find("[data-testid=incident-detail]").TextContent.Trim(),
            Is.EqualTo("详情：" + StuckOrders.Message));
        Assert.That(page.Find("[data-testid=incident-retry]").TextContent.Trim(), Is.EqualTo("重试"));
    }

    [Test]
    public async Task Page_lists_stuck_order_in_english()
    {
        await StuckOrders.StartNorthOrderAsync(Work, Accounts);

        var page = await RenderAsync<IncidentsPage>("owner", "en");

        page.WaitForElement("[data-testid=incident-row]");
        Assert.That(page.Find("[data-testid=incident-kind]").TextContent.Trim(), Is.EqualTo("No assignee"));
        Assert.That(page.Find("[data-testid=incident-message]").TextContent.Trim(), Is.EqualTo(
            "Step \"Manager approval\" found nobody to give its task to. Ask an administrator to add members to the " +
            "role or department, or change the step's assignee rules, then retry."));
        Assert.That(page.Find("[data-testid=incident-detail]").TextContent.Trim(),
            Is.EqualTo("Details: " + StuckOrders.Message));
    }

    [Test]
    public async Task Page_retry_after_fix_assigns_task()
    {
        var instance = await StuckOrders.StartNorthOrderAsync(Work, Accounts);
        var page = await RenderAsync<IncidentsPage>("owner", "en");
        page.WaitForElement("[data-testid=incident-row]");
        await StuckOrders.MoveFinanceNorthAsync(Accounts);

        await page.Find("[data-testid=incident-retry]").ClickAsync(new MouseEventArgs());

        var outcome = page.WaitForElement("[data-testid=retry-outcome]");
        Assert.That(outcome.TextContent.Trim(), Is.EqualTo("Retried. The submission now waits at Manager approval (刘洋 Liu Yang)."));
        Assert.That(page.FindAll("[data-testid=incident-row]"), Is.Empty);
        var finance = await StuckOrders.SignInAsync(Accounts, "finance1");
        var inbox = await Work.GetInboxAsync(finance, default);
        Assert.That(inbox.Select(task => task.InstanceId), Does.Contain(instance.Id));
    }

    [Test]
    public async Task Page_retry_without_fix_stops_again()
    {
        await StuckOrders.StartNorthOrderAsync(Work, Accounts);
        var page = await RenderAsync<IncidentsPage>("owner", "zh-CN");
        var before = page.WaitForElement("[data-testid=incident-row]").GetAttribute("data-incident");

        await page.Find("[data-testid=incident-retry]").ClickAsync(new MouseEventArgs());

        var outcome = page.WaitForElement("[data-testid=retry-outcome]");
        var rows = page.FindAll("[data-testid=incident-row]");
        Assert.That(outcome.TextContent.Trim(), Is.EqualTo(
            $"已重试，但该步骤再次停止：{ChineseSummary} 请先修正原因，再重试新的异常事件。"));
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.That(rows[0].GetAttribute("data-incident"), Is.Not.EqualTo(before));
    }

    [Test]
    public async Task Page_retry_of_resolved_incident_explains()
    {
        await StuckOrders.StartNorthOrderAsync(Work, Accounts);
        var page = await RenderAsync<IncidentsPage>("owner", "zh-CN");
        var incidentId = page.WaitForElement("[data-testid=incident-row]").GetAttribute("data-incident")!;
        await StuckOrders.MoveFinanceNorthAsync(Accounts);

        // Another process owner retried the incident in another browser tab.
        var admin = await StuckOrders.SignInAsync(Accounts, "admin");
        await Scope.ServiceProvider.GetRequiredService<IIncidentService>().RetryAsync(incidentId, admin, default);
        await page.Find("[data-testid=incident-retry]").ClickAsync(new MouseEventArgs());

        var outcome = page.WaitForElement("[data-testid=retry-outcome]");
        Assert.That(outcome.TextContent.Trim(), Is.EqualTo(
            "重试失败：此异常事件已被重试，或其申请已结束。页面已显示当前的异常事件。"));
        Assert.That(page.FindAll("[data-testid=incident-row]"), Is.Empty);
    }

    [Test]
    public async Task Banner_shows_initiator_without_retry()
    {
        var instance = await StuckOrders.StartNorthOrderAsync(Work, Accounts);

        var page = await RenderAsync<InstanceDetailPage>("sales1", "zh-CN", instance.Id);

        var banner = page.WaitForElement("[data-testid=stuck-banner]");
        var chip = page.Find("[data-testid=instance-state]");
        Assert.That(banner.TextContent, Does.Contain("此申请已停滞：某个步骤因故障停止，重试后才能继续。"));
        Assert.That(page.Find("[data-testid=stuck-message]").TextContent.Trim(), Is.EqualTo(ChineseSummary));
        Assert.That(page.Find("[data-testid=stuck-detail]").TextContent.Trim(), Is.EqualTo("详情：" + StuckOrders.Message));
        Assert.That(page.FindAll("[data-testid=stuck-retry]"), Is.Empty);
        Assert.That(chip.GetAttribute("data-state"), Is.EqualTo("NeedsAttention"));
        Assert.That(chip.TextContent.Trim(), Is.EqualTo("需处理"));
    }

    [Test]
    public async Task Banner_retry_by_owner_clears_banner()
    {
        var instance = await StuckOrders.StartNorthOrderAsync(Work, Accounts);
        var page = await RenderAsync<InstanceDetailPage>("owner", "en", instance.Id);
        page.WaitForElement("[data-testid=stuck-banner]");
        await StuckOrders.MoveFinanceNorthAsync(Accounts);

        await page.Find("[data-testid=stuck-retry]").ClickAsync(new MouseEventArgs());

        var outcome = page.WaitForElement("[data-testid=retry-outcome]");
        Assert.That(outcome.TextContent.Trim(), Is.EqualTo(
            "Retried. The submission now waits at Manager approval (刘洋 Liu Yang)."));
        Assert.That(page.FindAll("[data-testid=stuck-banner]"), Is.Empty);
        Assert.That(page.Find("[data-testid=instance-state]").GetAttribute("data-state"), Is.EqualTo("Running"));
    }

    [Test]
    public async Task Banner_absent_when_task_assigned()
    {
        var finance = await StuckOrders.SignInAsync(Accounts, "finance1");
        await StuckOrders.MoveFinanceNorthAsync(Accounts);
        var instance = await StuckOrders.StartNorthOrderAsync(Work, Accounts);

        var page = await RenderAsync<InstanceDetailPage>("owner", "en", instance.Id);

        page.WaitForElement("[data-testid=instance-state]");
        Assert.That(page.FindAll("[data-testid=stuck-banner]"), Is.Empty);
        Assert.That(page.Find("[data-testid=instance-state]").GetAttribute("data-state"), Is.EqualTo("Running"));
        Assert.That((await Work.GetInboxAsync(finance, default)).Select(task => task.InstanceId), Does.Contain(instance.Id));
    }

    [Test]
    public async Task Submissions_chip_needs_attention()
    {
        var stuck = await StuckOrders.StartNorthOrderAsync(Work, Accounts);

        var page = await RenderAsync<Submissions>("sales1", "en");

        var chip = page.WaitForElement("[data-testid=instance-state]");
        Assert.That(chip.GetAttribute("data-state"), Is.EqualTo("NeedsAttention"));
        Assert.That(chip.TextContent.Trim(), Is.EqualTo("Needs attention"));
        Assert.That(stuck.NeedsAttention, Is.True);
    }

    [Test]
    public async Task Self_starting_flow_gets_draft_warning()
    {
        var published = await PublishSelfStartingFlowAsync();
        var definitions = Get<IDefinitionService>();
        var draft = (await definitions.GetDraftAsync(DefinitionKind.Flow, "again-order", default))!;

        var diagnostics = await definitions.ValidateAsync(DefinitionKind.Flow, draft.Json, default);

        Assert.That(published.Published, Is.True);
        var warning = diagnostics.Single(diagnostic => diagnostic.Code == DiagnosticCodes.SubFlowCycle);
        Assert.That(warning.Severity, Is.EqualTo(WorkflowKit.Designer.Services.DiagnosticSeverity.Warning));
        Assert.That(warning.NodeId, Is.EqualTo("again"));
        Assert.That(warning.Arguments["cycle"], Is.EqualTo("again-order → again-order"));
        var flow = DefinitionJson.Deserialize<FlowDefinition>(draft.Json);
        var text = new DiagnosticText(new UiText { Culture = "zh-CN" }, new DiagnosticSubject(flow, null));
        Assert.That(text.Describe(warning), Is.EqualTo(
            "节点“经理审批”(again)启动流程“again-order”，而它又回到本流程：again-order → again-order。每启动一次就多嵌套一层" +
            "子流程，直到引擎以异常停止该申请。请只在能结束这种重复的条件之后启动它，或在“流程键”中改选其他流程。"));
    }

    [Test]
    public async Task Sub_flow_incident_names_top_submission()
    {
        await PublishSelfStartingFlowAsync();
        var sales = await StuckOrders.SignInAsync(Accounts, "sales1");
        var started = await Work.StartAsync(
            "again-order", new JsonObject { ["customer"] = "s1", ["region"] = "north", ["total"] = 100m }, sales, default);
        var owner = await StuckOrders.SignInAsync(Accounts, "owner");

        var incident = (await Get<IIncidentService>().ListAsync(null, true, owner, default)).Single();
        var page = await RenderAsync<IncidentsPage>("owner", "zh-CN");

        Assert.That(incident.SubFlowDepth, Is.EqualTo(8));
        Assert.That(incident.TopInstanceId, Is.EqualTo(started.Id));
        Assert.That(incident.TopInstanceTitle, Is.EqualTo("s1"));
        Assert.That(incident.InstanceTitle, Does.StartWith("again again again"));
        var link = page.WaitForElement("[data-testid=incident-submission]");
        Assert.That(link.TextContent.Trim(), Is.EqualTo("s1（第 8 层子流程）"));
        Assert.That(link.GetAttribute("title"), Is.EqualTo(incident.InstanceTitle));
    }

    /// <summary>
    /// Publishes flow "again-order", whose node "again" starts the same flow with "again " before the customer, as a
    /// process owner might write a follow-up that repeats itself.
    /// </summary>
    private async Task<PublishResult> PublishSelfStartingFlowAsync()
    {
        var definitions = Get<IDefinitionService>();
        var flow = OrderDefinitions.Flow();
        flow.Key = "again-order";
        var step = flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode);
        step.Id = "again";
        step.Type = NodeTypes.SubFlow;
        step.Assignees = null;
        step.ApprovalMode = null;
        step.Flow = "again-order";
        step.Input = new Dictionary<string, string>
        {
            ["customer"] = "'again ' + form.customer", ["region"] = "form.region", ["total"] = "form.total",
        };
        foreach (var edge in flow.Edges)
        {
            edge.From = edge.From == OrderDefinitions.ManagerNode ? "again" : edge.From;
            edge.To = edge.To == OrderDefinitions.ManagerNode ? "again" : edge.To;
        }

        await definitions.SaveDraftAsync(
            DefinitionKind.Flow, flow.Key, DefinitionJson.Serialize(flow), null, "owner", default);
        return await definitions.PublishAsync(DefinitionKind.Flow, flow.Key, "owner", null, default);
    }

    private async Task<IRenderedComponent<CascadingValue<Task<AuthenticationState>>>> RenderAsync<TPage>(
        string userId, string culture, string? instanceId = null)
        where TPage : IComponent
    {
        Context.Services.AddScoped(_ => new UiText { Culture = culture });
        Context.Render<MudPopoverProvider>();
        var account = (await Accounts.FindAsync(userId, default))!;
        var signedIn = Task.FromResult(new AuthenticationState(UserContext.ToPrincipal(account, "test")));
        return Context.Render<CascadingValue<Task<AuthenticationState>>>(parameters => parameters
            .Add(cascade => cascade.Value, signedIn)
            .AddChildContent<TPage>(child =>
            {
                if (instanceId is not null)
                {
                    child.TryAdd(nameof(InstanceDetailPage.Id), instanceId);
                }
            }));
    }
}
