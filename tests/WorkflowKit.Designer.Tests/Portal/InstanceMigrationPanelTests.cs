using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
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

    private readonly UiText _text = new() { Culture = "en" };
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
        Context.Services.AddSingleton(_text);
        Context.Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<IWorkService>());
        Context.Services.AddSingleton(_scope.ServiceProvider.GetRequiredService<TenantTime>());
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
        Assert.That(items, Has.All.Contains("\"Manager approval\" → \"Manager approval\""));
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
        Assert.That(problems[0], Does.StartWith(
            "Node \"Manager approval\" has a waiting position or an open task, but version 2 has no such node."));
        Assert.That(panel.Find("[data-testid=migrate]").HasAttribute("disabled"), Is.True);
        var stored = await _scope.ServiceProvider.GetRequiredService<WorkflowEngine>().GetInstanceAsync(instance, default);
        Assert.That(stored!.Instance.FlowVersion, Is.EqualTo(1));
    }

    [Test]
    public async Task Join_plan_in_Chinese_names_nodes()
    {
        var instance = await StartParallelThenRepublishAsync(flow =>
        {
            // The designer's insert after the officer: the new step takes over the officer's edge into the join.
            flow.Nodes.Add(Approval("finance-review", "财务复核", "Finance review"));
            flow.Edges.Single(edge => edge.Id == "e-officer-join").From = "finance-review";
            flow.Edges.Add(new EdgeDefinition { Id = "e-officer-finance", From = "officer", To = "finance-review" });
        });
        var panel = Render(instance, "zh-CN");

        panel.Find("[data-testid=migration-plan]").Click();
        panel.WaitForElement("[data-testid=migrate]");

        var rows = panel.FindAll("[data-testid=migration-item]").Select(PlanRow).ToList();
        Assert.That(rows, Is.EquivalentTo(new[]
        {
            "位置 | “经理审批” → “经理审批” / manager-approval → manager-approval | 审批 | 等待任务处理",
            "位置 | “汇合” → “汇合” / join → join | 并行汇聚 | 已从“额度判断”到达",
            "任务 | “经理审批” → “经理审批” / manager-approval → manager-approval | 审批 | 王芳 Wang Fang",
        }));
        Assert.That(panel.FindAll("[data-testid=migration-problem]"), Is.Empty);
        Assert.That(panel.Find("[data-testid=migrate]").TextContent.Trim(), Is.EqualTo("迁移到版本 2"));
    }

    [Test]
    public async Task Plan_names_nodes_with_ids_below()
    {
        var instance = await StartThenRepublishAsync(flow =>
            flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode).Name = new LocalizedText("大区经理审批", "Regional manager approval"));
        var panel = Render(instance);

        panel.Find("[data-testid=migration-plan]").Click();
        panel.WaitForElement("[data-testid=migrate]");

        var row = panel.FindAll("[data-testid=migration-item]").First();
        Assert.That(row.QuerySelector("[data-testid=migration-nodes]")!.TextContent.Trim(),
            Is.EqualTo("\"Manager approval\" → \"Regional manager approval\""));
        Assert.That(row.QuerySelector("[data-testid=migration-node-ids]")!.TextContent.Trim(),
            Is.EqualTo($"{OrderDefinitions.ManagerNode} → {OrderDefinitions.ManagerNode}"));
        Assert.That(row.QuerySelectorAll("td")[2].TextContent.Trim(), Is.EqualTo("Approval"));
    }

    [Test]
    public async Task Removed_branch_problem_in_Chinese()
    {
        var instance = await StartParallelThenRepublishAsync(flow =>
        {
            flow.Nodes.RemoveAll(node => node.Id == "limit");
            flow.Edges.RemoveAll(edge => edge.From == "limit" || edge.To == "limit");
            flow.Edges.Add(new EdgeDefinition { Id = "e-officer", From = "split", To = "officer" });
        });
        var panel = Render(instance, "zh-CN");

        panel.Find("[data-testid=migration-plan]").Click();
        panel.WaitForElement("[data-testid=migrate]");

        var problems = panel.FindAll("[data-testid=migration-problem]").Select(alert => alert.TextContent.Trim()).ToList();
        Assert.That(problems, Is.EqualTo(new[]
        {
            "来自“额度判断”的分支已到达“汇合”，但版本 2 中没有节点“额度判断”，汇聚时无法计入这次到达。如果该节点只是改了 ID，" +
            "请用 workflowkit instance migrate --map limit=NEW_ID 映射；否则请让该申请在版本 1 上完成。",
        }));
        Assert.That(panel.Find("[data-testid=migrate]").HasAttribute("disabled"), Is.True);
    }

    [Test]
    public async Task Migrated_audit_line_in_Chinese()
    {
        var instance = await StartThenRepublishAsync(_ => { });
        var work = _scope.ServiceProvider.GetRequiredService<IWorkService>();
        var preview = await work.PlanMigrationToLatestAsync(instance, Admin, default);
        await work.MigrateAsync(preview!.Plan, Admin, default);
        var detail = await work.GetInstanceAsync(instance, Admin, default);
        _text.Culture = "zh-CN";

        var trail = Context.Render<AuditTrail>(parameters => parameters.Add(view => view.Entries, detail!.Audit));

        var line = trail.FindAll("p, .mud-typography").Select(element => element.TextContent.Trim())
            .Single(text => text.Contains("迁移", StringComparison.Ordinal));
        Assert.That(line, Does.Contain("从版本 1 迁移到版本 2"));
        Assert.That(trail.Markup, Does.Not.Contain("Migrated from version"));
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

    /// <summary>Reads a plan row as "kind | names / ids | type | detail".</summary>
    private static string PlanRow(AngleSharp.Dom.IElement row)
    {
        var cells = row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim()).ToList();
        cells[1] = row.QuerySelector("[data-testid=migration-nodes]")!.TextContent.Trim() + " / " +
            row.QuerySelector("[data-testid=migration-node-ids]")!.TextContent.Trim();
        return string.Join(" | ", cells);
    }

    private IRenderedComponent<InstanceMigrationPanel> Render(string instanceId, string culture = "en")
    {
        _text.Culture = culture;
        return Context.Render<InstanceMigrationPanel>(parameters => parameters
            .Add(panel => panel.InstanceId, instanceId)
            .Add(panel => panel.User, Admin));
    }

    /// <summary>
    /// Publishes an order flow on the credit review's shape: the manager always approves, and the officer approves
    /// only above 100000, so a 5000 order's limit branch waits at the join at once. Then publishes the changed copy.
    /// </summary>
    private async Task<string> StartParallelThenRepublishAsync(Action<FlowDefinition> change)
    {
        var definitions = _scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner", ParallelFlow());
        var instance = await StartAsync();
        var flow = ParallelFlow();
        change(flow);
        var draft = await definitions.GetDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, default);
        await definitions.SaveDraftAsync(
            DefinitionKind.Flow, OrderDefinitions.FlowKey, DefinitionJson.Serialize(flow), draft!.Revision, "owner", default);
        var published = await definitions.PublishAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, "owner", null, default);
        Assert.That(published.Published, Is.True, string.Join("; ", published.Diagnostics.Select(d => d.Message)));
        return instance;
    }

    private static FlowDefinition ParallelFlow()
    {
        var flow = OrderDefinitions.Flow();
        flow.Nodes.RemoveAll(node => node.Id == "end");
        flow.Nodes.AddRange(
        [
            Node("split", NodeTypes.ParallelSplit, "分派审核", "Assign reviews"),
            Node("limit", NodeTypes.Condition, "额度判断", "Above limit?"),
            Approval("officer", "信用专员审核", "Credit officer review"),
            Node("join", NodeTypes.ParallelJoin, "汇合", "Join"),
            Node("end", NodeTypes.End, "结束", "End"),
        ]);
        flow.Edges =
        [
            new EdgeDefinition { Id = "e-start", From = "start", To = "split" },
            new EdgeDefinition { Id = "e-manager", From = "split", To = OrderDefinitions.ManagerNode },
            new EdgeDefinition { Id = "e-limit", From = "split", To = "limit" },
            new EdgeDefinition { Id = "e-manager-join", From = OrderDefinitions.ManagerNode, To = "join" },
            new EdgeDefinition
            {
                Id = "e-exceeds", From = "limit", To = "officer", Priority = 1,
                Condition = Condition.Script("form.total > 100000"),
            },
            new EdgeDefinition { Id = "e-within", From = "limit", To = "join", IsDefault = true },
            new EdgeDefinition { Id = "e-officer-join", From = "officer", To = "join" },
            new EdgeDefinition { Id = "e-join", From = "join", To = "end" },
        ];
        return flow;
    }

    private static NodeDefinition Node(string id, string type, string chinese, string english) =>
        new() { Id = id, Type = type, Name = new LocalizedText(chinese, english), Position = new NodePosition() };

    private static NodeDefinition Approval(string id, string chinese, string english)
    {
        var node = Node(id, NodeTypes.Approval, chinese, english);
        node.Assignees = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "sales-manager" }];
        node.ApprovalMode = ApprovalModes.Single;
        return node;
    }

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
