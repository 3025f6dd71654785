using System.Text.Json.Nodes;
using Bunit;
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
/// The instance history on the designer's real work service and engine: a script step's changes show on the script's
/// own line as the system's, and the approver who changed nothing gets a line without changes.
/// </summary>
public sealed class AutomaticStepHistoryTests
{
    private static readonly UserContext Sales = new(
        "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
        "zh-CN");

    private static readonly UserContext Manager = new(
        "manager", "王芳", "sales-east", [RoleNames.SalesManager],
        new Dictionary<string, string> { ["region"] = "east" }, "zh-CN");

    private DesignerAppFactory _app = default!;
    private IServiceScope _scope = default!;

    private BunitContext Context { get; set; } = default!;

    [SetUp]
    public void CreateContext()
    {
        _app = new DesignerAppFactory();
        _scope = _app.Services.CreateScope();
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
        _scope.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Detail_credits_script_change_to_script()
    {
        var detail = await ApproveUnchangedAsync();

        var system = detail.Audit.Single(entry => entry.NodeId == OrderDefinitions.ScriptNode);
        var approval = detail.Audit.Single(entry => entry.Action == "approve");
        Assert.Multiple(() =>
        {
            Assert.That(system.UserId, Is.EqualTo("system"));
            Assert.That(system.Action, Is.EqualTo("node.completed"));
            Assert.That(system.Changes!.Select(pair => pair.Key), Is.EqualTo(new[] { "region" }));
            Assert.That(system.Changes!["region"]!["old"]!.GetValue<string>(), Is.EqualTo("east"));
            Assert.That(system.Changes!["region"]!["new"]!.GetValue<string>(), Is.EqualTo("north"));
            Assert.That(approval.UserId, Is.EqualTo("manager"));
            Assert.That(approval.Changes, Is.Null);
        });
    }

    [Test]
    public async Task Trail_shows_system_line_in_chinese()
    {
        var detail = await ApproveUnchangedAsync();

        var trail = Context.Render<AuditTrail>(parameters => parameters
            .Add(p => p.Entries, detail.Audit)
            .Add(p => p.Flow, DefinitionJson.Deserialize<FlowDefinition>(detail.FlowJson))
            .Add(p => p.Form, OrderDefinitions.Form()));

        var lines = trail.FindAll(".mud-timeline-item").Select(item => item.TextContent).ToList();
        var scriptLine = lines.Single(line => line.Contains("设置区域", StringComparison.Ordinal));
        var approvalLine = lines.Single(line => line.Contains("王芳", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(scriptLine, Does.Contain("系统 · 自动执行"));
            Assert.That(scriptLine, Does.Contain("区域: 华东 → 华北"));
            Assert.That(approvalLine, Does.Not.Contain("修改"));
            Assert.That(trail.FindAll("[data-testid=audit-change]").Select(change => change.GetAttribute("data-field")),
                Is.EqualTo(new[] { "region" }));
        });
    }

    [Test]
    public async Task Trail_time_and_changes_on_own_lines()
    {
        var detail = await ApproveUnchangedAsync();

        var trail = Context.Render<AuditTrail>(parameters => parameters
            .Add(p => p.Entries, detail.Audit)
            .Add(p => p.Form, OrderDefinitions.Form()));

        // MudText renders a caption as an inline span, which a browser runs into the next caption without a space.
        var times = trail.FindAll("[data-testid=audit-time]");
        var changes = trail.FindAll("[data-testid=audit-changes]");
        Assert.That(times, Has.Count.EqualTo(detail.Audit.Count));
        Assert.That(times.Select(time => time.ClassList.Contains("d-block")), Is.All.True);
        Assert.That(changes, Is.Not.Empty);
        Assert.That(changes.Select(change => change.ClassList.Contains("d-block")), Is.All.True);
    }

    private async Task<InstanceDetail> ApproveUnchangedAsync()
    {
        var definitions = _scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        var work = _scope.ServiceProvider.GetRequiredService<IWorkService>();
        await OrderDefinitions.PublishAsync(definitions, "owner", OrderDefinitions.FlowWithScript());
        var instance = await work.StartAsync(
            OrderDefinitions.FlowKey,
            new JsonObject { ["customer"] = "仁济医院", ["region"] = "east", ["total"] = 1200m },
            Sales,
            default);
        var task = (await work.GetInboxAsync(Manager, default)).Single(t => t.InstanceId == instance.Id);

        await work.ActAsync(task.Id, new TaskActionRequest(TaskActions.Approve), Manager, default);

        return (await work.GetInstanceAsync(instance.Id, Sales, default))!;
    }
}
