using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// Fields and sub-table columns hidden at a node stay out of the task, and out of the instance detail of a user
/// whose only access is a task at that node, and approving the task keeps their stored values.
/// </summary>
[TestFixture]
public sealed class HiddenFieldTests
{
    private static readonly UserContext Sales = new(
        "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
        "zh-CN");

    private static readonly UserContext Manager = new(
        "manager", "王芳", "sales-east", [RoleNames.SalesManager],
        new Dictionary<string, string> { ["region"] = "east" }, "zh-CN");

    private static readonly UserContext Finance = new(
        "finance1", "刘洋", "finance", [RoleNames.Finance], new Dictionary<string, string> { ["region"] = "east" }, "zh-CN");

    [Test]
    public async Task Task_omits_hidden_field_and_column()
    {
        await using var app = new DesignerAppFactory();
        using var scope = app.Services.CreateScope();
        var work = await PublishAsync(scope);
        var instance = await work.StartAsync(OrderDefinitions.FlowKey, HiddenFieldDefinitions.Order(), Sales, default);
        var task = (await work.GetInboxAsync(Manager, default)).Single(t => t.InstanceId == instance.Id);

        var detail = await work.GetTaskAsync(task.Id, Manager, default);

        var data = detail!.Instance.Data;
        var rows = data["lines"]!.AsArray().Select(row => row!.AsObject()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(data.ContainsKey("cost"), Is.False, "cost is hidden at the node");
            Assert.That(data["customer"]?.GetValue<string>(), Is.EqualTo("仁济医院"));
            Assert.That(rows, Has.Count.EqualTo(2));
            Assert.That(rows.Select(row => row.ContainsKey("unitPrice")), Is.All.False, "lines.unitPrice is hidden");
            Assert.That(rows.Select(row => row.ContainsKey("quantity")), Is.All.True);
            Assert.That(data.ToJsonString(), Does.Not.Contain("88.5"));
        });
    }

    [Test]
    public async Task Approve_keeps_hidden_values()
    {
        await using var app = new DesignerAppFactory();
        using var scope = app.Services.CreateScope();
        var work = await PublishAsync(scope);
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        var instance = await work.StartAsync(OrderDefinitions.FlowKey, HiddenFieldDefinitions.Order(), Sales, default);
        var task = (await work.GetInboxAsync(Manager, default)).Single(t => t.InstanceId == instance.Id);
        var detail = await work.GetTaskAsync(task.Id, Manager, default);

        // The task page edits a copy of the loaded data and submits what differs in editable fields.
        var edited = (JsonObject)detail!.Instance.Data.DeepClone();
        edited["note"] = "Confirmed by phone";
        edited["lines"]![0]!["quantity"] = 45;
        var changes = TaskFormChanges.Editable(HiddenFieldDefinitions.Permissions(), detail.Instance.Data, edited);
        await work.ActAsync(task.Id, new TaskActionRequest(TaskActions.Approve, null, changes), Manager, default);

        var stored = (await engine.GetInstanceAsync(instance.Id, default))!.Instance.Form;
        var lines = stored["lines"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(changes!.Select(pair => pair.Key), Is.EquivalentTo(new[] { "note", "lines" }));
            Assert.That(stored["note"]?.GetValue<string>(), Is.EqualTo("Confirmed by phone"));
            Assert.That(stored["cost"]?.GetValue<decimal>(), Is.EqualTo(HiddenFieldDefinitions.Cost));
            Assert.That(lines[0]!["quantity"]?.GetValue<decimal>(), Is.EqualTo(45m));
            Assert.That(lines[0]!["unitPrice"]?.GetValue<decimal>(), Is.EqualTo(HiddenFieldDefinitions.UnitPrice));
            Assert.That(lines[1]!["unitPrice"]?.GetValue<decimal>(), Is.EqualTo(120.00m));
        });
    }

    [Test]
    public void Unchanged_form_sends_no_changes()
    {
        var loaded = HiddenFieldDefinitions.Order();

        var changes = TaskFormChanges.Editable(HiddenFieldDefinitions.Permissions(), loaded, (JsonObject)loaded.DeepClone());

        Assert.That(changes, Is.Null);
    }

    [Test]
    public async Task Assignee_instance_detail_omits_hidden()
    {
        await using var app = new DesignerAppFactory();
        using var scope = app.Services.CreateScope();
        var work = await PublishAsync(scope);
        var instance = await work.StartAsync(OrderDefinitions.FlowKey, HiddenFieldDefinitions.Order(), Sales, default);
        var task = (await work.GetInboxAsync(Manager, default)).Single(t => t.InstanceId == instance.Id);
        var detail = await work.GetTaskAsync(task.Id, Manager, default);
        var edited = (JsonObject)detail!.Instance.Data.DeepClone();
        edited["note"] = "Confirmed by phone";
        var changes = TaskFormChanges.Editable(HiddenFieldDefinitions.Permissions(), detail.Instance.Data, edited);
        await work.ActAsync(task.Id, new TaskActionRequest(TaskActions.Approve, null, changes), Manager, default);

        var managerView = await work.GetInstanceAsync(instance.Id, Manager, default);
        var initiatorView = await work.GetInstanceAsync(instance.Id, Sales, default);

        var rows = managerView!.Data["lines"]!.AsArray().Select(row => row!.AsObject()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(managerView.Data.ContainsKey("cost"), Is.False, "the manager's only access is the task");
            Assert.That(rows.Select(row => row.ContainsKey("unitPrice")), Is.All.False);
            Assert.That(managerView.Data["note"]?.GetValue<string>(), Is.EqualTo("Confirmed by phone"));
            Assert.That(managerView.HiddenFields, Is.EqualTo(new[] { "cost", "lines.unitPrice" }));
            Assert.That(initiatorView!.HiddenFields, Is.Empty);
            Assert.That(initiatorView.Data["cost"]?.GetValue<decimal>(), Is.EqualTo(HiddenFieldDefinitions.Cost));
            Assert.That(initiatorView.Data["lines"]![0]!["unitPrice"]?.GetValue<decimal>(),
                Is.EqualTo(HiddenFieldDefinitions.UnitPrice));
        });
    }

    [Test]
    public async Task Copied_user_instance_detail_omits_hidden()
    {
        await using var app = new DesignerAppFactory();
        using var scope = app.Services.CreateScope();
        var work = await PublishAsync(scope);
        var instance = await work.StartAsync(OrderDefinitions.FlowKey, HiddenFieldDefinitions.Order(), Sales, default);
        var task = (await work.GetInboxAsync(Manager, default)).Single(t => t.InstanceId == instance.Id);
        var offered = (await work.GetTaskAsync(task.Id, Manager, default))!.Actions;
        Assert.ThrowsAsync<AccessDeniedException>(() => work.GetInstanceAsync(instance.Id, Finance, default));

        await work.ActAsync(
            task.Id, new TaskActionRequest(TaskActions.CarbonCopy, "Please check the delivery date", TargetUserId: "finance1"),
            Manager, default);

        var financeView = await work.GetInstanceAsync(instance.Id, Finance, default);
        var copyLine = (await work.GetInstanceAsync(instance.Id, Sales, default))!.Audit.Single(entry => entry.Action == "cc");
        var copies = await work.GetCarbonCopiesAsync(Finance, default);
        var rows = financeView!.Data["lines"]!.AsArray().Select(row => row!.AsObject()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(offered, Does.Contain(TaskActions.CarbonCopy));
            Assert.That((copyLine.UserId, copyLine.TargetName), Is.EqualTo(("manager", "刘洋 Liu Yang")));
            Assert.That(copies.Select(copy => copy.Id), Is.EqualTo(new[] { instance.Id }));
            Assert.That(financeView.Data.ContainsKey("cost"), Is.False, "the manager node hides cost");
            Assert.That(rows.Select(row => row.ContainsKey("unitPrice")), Is.All.False);
            Assert.That(financeView.Data["customer"]?.GetValue<string>(), Is.EqualTo("仁济医院"));
            Assert.That(financeView.HiddenFields, Is.EqualTo(new[] { "cost", "lines.unitPrice" }));
            Assert.That(financeView.Data.ToJsonString(), Does.Not.Contain("88.5"));
        });
    }

    [Test]
    public async Task Script_change_of_hidden_field_not_listed()
    {
        await using var app = new DesignerAppFactory();
        using var scope = app.Services.CreateScope();
        await HiddenFieldDefinitions.PublishAsync(
            scope.ServiceProvider.GetRequiredService<IDefinitionService>(), "owner", "form.cost = 3300;");
        var work = scope.ServiceProvider.GetRequiredService<IWorkService>();
        var instance = await work.StartAsync(OrderDefinitions.FlowKey, HiddenFieldDefinitions.Order(), Sales, default);

        var managerView = await work.GetInstanceAsync(instance.Id, Manager, default);
        var initiatorView = await work.GetInstanceAsync(instance.Id, Sales, default);

        var initiatorLine = initiatorView!.Audit.Single(entry => entry.NodeId == OrderDefinitions.ScriptNode);
        Assert.Multiple(() =>
        {
            Assert.That(managerView!.Audit.Select(entry => entry.NodeId), Has.None.EqualTo(OrderDefinitions.ScriptNode));
            Assert.That(initiatorLine.Changes!.Select(pair => pair.Key), Is.EqualTo(new[] { "cost" }));
        });
    }

    private static async Task<IWorkService> PublishAsync(IServiceScope scope)
    {
        await HiddenFieldDefinitions.PublishAsync(scope.ServiceProvider.GetRequiredService<IDefinitionService>(), "owner");
        return scope.ServiceProvider.GetRequiredService<IWorkService>();
    }
}
