using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The administrator's migration panel of the instance page in bunit, on the designer's real work service
/// and engine: it shows the plan for the latest flow version, its problems, and migrates.
/// </summary>
public sealed class InstanceMigrationPanelTests
{
    private static readonly UserContext Sales = new(
        "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
        "zh-CN");

    private static readonly UserContext Admin = new(
        "admin", "Admin", null, [RoleNames.Admin], new Dictionary<string, string>(), "en");

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
        Context.Services.AddScoped(_ => new UiText { Culture = "en" });
        Context.Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<IWorkService>());
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
    public async Task Plan_then_migrate_moves_instance()
    {
        var instance = await StartThenRepublishAsync(flow => flow.Nodes.Single(node => node.Id == "end").Name =
            new LocalizedText("完成", "Done"));
        var panel = Render(instance);

        panel.Find("[data-testid=migration-plan]").Click();
        panel.WaitForElement("[data-testid=migrate]");
        var items = panel.FindAll("[data-testid=migration-item]").Select(row => row.TextContent.Trim()).ToList();
        var button = panel.Find("[data-testid=migrate]");
        Assert.That(items, Has.Count.GreaterThanOrEqualTo(2), "the waiting token and at least one task");
        Assert.That(items, Has.All.Contains($"{OrderDefinitions.ManagerNode} → {OrderDefinitions.ManagerNode}"));
        Assert.That(panel.FindAll("[data-testid=migration-problem]"), Is.Empty);
        Assert.That(button.HasAttribute("disabled"), Is.False);
        Assert.That(button.TextContent.Trim(), Is.EqualTo("Migrate to version 2"));

        button.Click();

        var engine = _scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        panel.WaitForElement("[data-testid=migration-plan]");
        var stored = await engine.GetInstanceAsync(instance, default);
        Assert.That(stored!.Instance.FlowVersion, Is.EqualTo(2));
        Assert.That(panel.FindAll("[data-testid=migration-error]"), Is.Empty);
    }

    [Test]
    public async Task Renamed_node_shows_problem_disables_migrate()
    {
        var instance = await StartThenRepublishAsync(flow =>
        {
            flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode).Id = "review";
            foreach (var edge in flow.Edges)
            {
                edge.From = edge.From == OrderDefinitions.ManagerNode ? "review" : edge.From;
                edge.To = edge.To == OrderDefinitions.ManagerNode ? "review" : edge.To;
            }
        });
        var panel = Render(instance);

        panel.Find("[data-testid=migration-plan]").Click();
        panel.WaitForElement("[data-testid=migrate]");

        var problems = panel.FindAll("[data-testid=migration-problem]").Select(alert => alert.TextContent).ToList();
        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.Contain($"Node '{OrderDefinitions.ManagerNode}' has a live token or open task"));
        Assert.That(panel.Find("[data-testid=migrate]").HasAttribute("disabled"), Is.True);
        var stored = await _scope.ServiceProvider.GetRequiredService<WorkflowEngine>().GetInstanceAsync(instance, default);
        Assert.That(stored!.Instance.FlowVersion, Is.EqualTo(1));
    }

    [Test]
    public async Task Latest_version_shows_nothing_to_do()
    {
        var definitions = _scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        var instance = await StartAsync();
        var panel = Render(instance);

        panel.Find("[data-testid=migration-plan]").Click();

        panel.WaitForElement("[data-testid=migration-none]");
        Assert.That(panel.FindAll("[data-testid=migrate]"), Is.Empty);
    }

    [Test]
    public async Task Non_admin_is_denied()
    {
        var instance = await StartThenRepublishAsync(_ => { });
        var work = _scope.ServiceProvider.GetRequiredService<IWorkService>();

        var denied = Assert.ThrowsAsync<AccessDeniedException>(
            () => work.PlanMigrationToLatestAsync(instance, Sales, default));

        Assert.That(denied!.Message, Is.EqualTo(
            $"Only administrators may migrate instance {instance} to another flow version; sales1 is not one."));
    }

    private IRenderedComponent<InstanceMigrationPanel> Render(string instanceId) =>
        Context.Render<InstanceMigrationPanel>(parameters => parameters
            .Add(panel => panel.InstanceId, instanceId)
            .Add(panel => panel.User, Admin));

    private async Task<string> StartThenRepublishAsync(Action<FlowDefinition> change)
    {
        var definitions = _scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        var instance = await StartAsync();
        var flow = OrderDefinitions.Flow();
        flow.Name = new LocalizedText("订单审批 v2", "Order approval v2");
        change(flow);
        var draft = await definitions.GetDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, default);
        await definitions.SaveDraftAsync(
            DefinitionKind.Flow, OrderDefinitions.FlowKey, DefinitionJson.Serialize(flow), draft!.Revision, "owner", default);
        var published = await definitions.PublishAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, "owner", null, default);
        Assert.That(published.Published, Is.True, string.Join("; ", published.Diagnostics.Select(d => d.Message)));
        return instance;
    }

    private async Task<string> StartAsync()
    {
        var work = _scope.ServiceProvider.GetRequiredService<IWorkService>();
        var instance = await work.StartAsync(
            OrderDefinitions.FlowKey,
            new JsonObject { ["customer"] = "仁济医院", ["region"] = "east", ["total"] = 5000 },
            Sales,
            default);
        return instance.Id;
    }
}
