using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Approvals;

/// <summary>A sub-table column hidden at a node (<c>"lines.unitPrice": "hidden"</c>).</summary>
public sealed class HiddenColumnTests
{
    private const string Order = """
        {"customer": "Ruijin", "lines": [{"sku": "A", "qty": 1, "unitPrice": 12.5}, {"sku": "B", "qty": 4, "unitPrice": 80}]}
        """;

    [Test]
    public async Task TaskView_HiddenColumn_Absent()
    {
        await using var fx = await CreateAsync();
        var (_, task) = await StartAsync(fx);

        var view = await fx.Engine.GetTaskViewAsync(task.Id, "bob", CancellationToken.None);

        var rows = view.Form["lines"]!.AsArray().OfType<JsonObject>().ToList();
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(row => row.ContainsKey("unitPrice")), Is.All.False, "unitPrice in the view");
            Assert.That(rows.Select(row => row["qty"]!.GetValue<decimal>()), Is.EqualTo(new[] { 1m, 4m }));
            Assert.That(view.Form["customer"]!.GetValue<string>(), Is.EqualTo("Ruijin"));
        });
    }

    [Test]
    public async Task Submit_WithoutHiddenColumn_RestoresStoredValues()
    {
        await using var fx = await CreateAsync();
        var (instance, task) = await StartAsync(fx);
        var view = await fx.Engine.GetTaskViewAsync(task.Id, "bob", CancellationToken.None);
        var lines = view.Form["lines"]!.DeepClone().AsArray();
        lines[1]!["qty"] = 3;

        await fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Approve, "bob") { FormChanges = new JsonObject { ["lines"] = lines } },
            CancellationToken.None);

        var form = (await fx.InstanceAsync(instance.Id)).Instance.Form;
        Assert.That(form["lines"]!.ToJsonString(), Is.EqualTo(
            """[{"sku":"A","qty":1,"unitPrice":12.5},{"sku":"B","qty":3,"unitPrice":80}]"""));
    }

    [Test]
    public async Task Submit_ChangedHiddenValue_Rejected()
    {
        await using var fx = await CreateAsync();
        var (instance, task) = await StartAsync(fx);
        var lines = JsonNode.Parse(Order)!["lines"]!.DeepClone().AsArray();
        lines[1]!["unitPrice"] = 1;

        var denied = Assert.ThrowsAsync<FieldAccessDeniedException>(() => fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Approve, "bob") { FormChanges = new JsonObject { ["lines"] = lines } },
            CancellationToken.None));

        Assert.That(denied!.Message, Does.StartWith(
            "Column 'unitPrice' of sub-table 'lines' is hidden at node 'approve' and cannot be changed (row 2)"));
        Assert.That(denied.FieldId, Is.EqualTo("lines.unitPrice"));
        var form = (await fx.InstanceAsync(instance.Id)).Instance.Form;
        Assert.That(form["lines"]![1]!["unitPrice"]!.GetValue<decimal>(), Is.EqualTo(80m), "stored price");
        await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
    }

    [Test]
    public async Task Submit_SameHiddenValue_Accepted()
    {
        await using var fx = await CreateAsync();
        var (instance, task) = await StartAsync(fx);
        var lines = JsonNode.Parse(Order)!["lines"]!.DeepClone().AsArray();

        await fx.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Approve, "bob") { FormChanges = new JsonObject { ["lines"] = lines } },
            CancellationToken.None);

        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    private static async Task<EngineFixture> CreateAsync()
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("order")
            .Start()
            .Approval("approve", ApprovalModes.Single, ["bob"], node => node.FieldPermissions = new()
            {
                ["lines"] = new FieldPermission { Access = FieldPermission.Editable },
                ["lines.unitPrice"] = new FieldPermission { Access = FieldPermission.Hidden },
            })
            .End()
            .Chain("start", "approve", "end"));
        return fx;
    }

    private static async Task<(Instances.WorkflowInstance Instance, WorkTask Task)> StartAsync(EngineFixture fx)
    {
        var instance = await fx.StartAsync("order", form: Order);
        var task = await fx.TaskAssignedToAsync(instance.Id, "approve", "bob");
        return (instance, task);
    }
}
