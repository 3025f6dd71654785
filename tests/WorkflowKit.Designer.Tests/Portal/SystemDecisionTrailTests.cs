using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
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
/// The instance history on the designer's real work service and engine, with a fake clock past the deadline: the
/// system's reminder, overdue mark, approval on timeout and escalation are listed and worded, while the engine's
/// bookkeeping lines stay out.
/// </summary>
public sealed class SystemDecisionTrailTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 1, 0, 0, TimeSpan.Zero);

    private static readonly UserContext Sales = new(
        "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
        "zh-CN");

    private FakeTimeProvider _clock = default!;

    private DesignerAppFactory _app = default!;

    private BunitContext Context { get; set; } = default!;

    [SetUp]
    public void CreateContext()
    {
        _clock = new FakeTimeProvider(Now);
        _app = new DesignerAppFactory(clock: _clock);
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddScoped(_ => new UiText { Culture = "zh-CN" });
        Context.Services.AddSingleton(new TenantTime(new WorkflowKit.Runtime.EngineOptions()));
        Context.Render<MudPopoverProvider>();
    }

    [TearDown]
    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Approval_on_timeout_is_listed()
    {
        var detail = await PastDeadlineAsync(new OverduePolicy { Action = "approve" }, InstanceState.Completed);

        var actions = detail.Audit.Select(entry => (entry.UserId, entry.Action)).ToList();
        Assert.That(actions, Is.EqualTo(new[]
        {
            ("sales1", "start"),
            ("system", "reminder"),
            ("system", "overdue"),
            ("system", "approve"),
            ("system", "instance.completed"),
        }));
        var approval = detail.Audit.Single(entry => entry.Action == "approve");
        Assert.That(approval.NodeId, Is.EqualTo(OrderDefinitions.ManagerNode));
        Assert.That(approval.Comment, Does.EndWith("approved automatically."));
    }

    [Test]
    public async Task Approval_on_timeout_worded_in_chinese()
    {
        var detail = await PastDeadlineAsync(new OverduePolicy { Action = "approve" }, InstanceState.Completed);

        var lines = Render(detail, "zh-CN");

        Assert.That(lines, Has.Some.Contains("系统 · 发送了提醒 · 经理审批"));
        Assert.That(lines, Has.Some.Contains("系统 · 任务已超期 · 经理审批"));
        Assert.That(lines, Has.Some.Contains("系统 · 同意 · 经理审批"));
        Assert.That(lines, Has.Some.Contains("超期，系统自动同意。"));
        Assert.That(lines, Has.None.Contains("automatically"));
    }

    [Test]
    public async Task Approval_on_timeout_worded_in_english()
    {
        var detail = await PastDeadlineAsync(new OverduePolicy { Action = "approve" }, InstanceState.Completed);

        var lines = Render(detail, "en");

        Assert.That(lines, Has.Some.Contains(": approved automatically."));
        Assert.That(lines, Has.None.Contains("系统自动同意"));
    }

    [Test]
    public async Task Escalation_is_listed_with_target()
    {
        var detail = await PastDeadlineAsync(Escalation(), InstanceState.Running);

        var escalated = detail.Audit.Single(entry => entry.Action == "escalated");
        Assert.That(escalated.UserId, Is.EqualTo("system"));
        Assert.That(escalated.TargetName, Is.EqualTo("陈静 Chen Jing"));
        Assert.That(detail.Audit.Select(entry => entry.Action), Is.EqualTo(new[] { "start", "reminder", "overdue", "escalated" }));
        var lines = Render(detail, "en");
        Assert.That(lines, Has.Some.Contains("System · escalated the task → 陈静 Chen Jing · Manager approval"));
    }

    [Test]
    public async Task Escalated_task_shows_new_deadline()
    {
        await PastDeadlineAsync(Escalation(), InstanceState.Running);

        var work = _app.Services.GetRequiredService<IWorkService>();
        var credit = new UserContext(
            "credit1", "陈静", "finance", [RoleNames.CreditOfficer],
            new Dictionary<string, string> { ["region"] = "east" }, "zh-CN");
        var task = (await work.GetInboxAsync(credit, default)).Single();
        Assert.That(task.DueAt, Is.EqualTo(Now.AddDays(4)));
    }

    private static OverduePolicy Escalation() => new()
    {
        Action = "escalate", To = [new AssigneeRule { Type = AssigneeTypes.User, Value = "credit1" }],
    };

    private List<string> Render(InstanceDetail detail, string culture)
    {
        Context.Services.GetRequiredService<UiText>().Culture = culture;
        var trail = Context.Render<AuditTrail>(parameters => parameters
            .Add(p => p.Entries, detail.Audit)
            .Add(p => p.Flow, DefinitionJson.Deserialize<FlowDefinition>(detail.FlowJson))
            .Add(p => p.Form, OrderDefinitions.Form()));
        return [.. trail.FindAll(".mud-timeline-item").Select(item => item.TextContent)];
    }

    /// <summary>Starts an order, moves the clock past the manager's deadline and returns the initiator's view.</summary>
    private async Task<InstanceDetail> PastDeadlineAsync(OverduePolicy overdue, InstanceState state)
    {
        var definitions = _app.Services.GetRequiredService<IDefinitionService>();
        var work = _app.Services.GetRequiredService<IWorkService>();
        await OrderDefinitions.PublishAsync(definitions, "owner", OrderDefinitions.FlowWithOverdue(overdue));
        var instance = await work.StartAsync(
            OrderDefinitions.FlowKey,
            new JsonObject { ["customer"] = "仁济医院", ["region"] = "east", ["total"] = 1200m },
            Sales,
            default);

        _clock.Advance(TimeSpan.FromDays(2));
        InstanceDetail? detail = null;
        await DueWork.RunUntilAsync(
            _app.Services,
            async () =>
            {
                detail = await work.GetInstanceAsync(instance.Id, Sales, default);
                return detail!.Audit.Any(entry => entry.Action is "approve" or "escalated");
            },
            "the overdue policy of the manager's task");

        Assert.That(detail!.Summary.State, Is.EqualTo(state));
        return detail;
    }
}
