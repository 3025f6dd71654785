using System.Text.Json.Nodes;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>
/// The order-to-shipment template's <c>adjustOrder</c> fill-in branches by its own edges when the initiator submits it:
/// a ticked <c>cancelOrder</c> ends the order, anything else checks it again.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class OrderAdjustmentTests(string provider)
{
    private OrderFlowDriver _driver = null!;

    [OneTimeSetUp]
    public async Task LoadSamples() => _driver = await OrderFlowDriver.LoadAsync(provider);

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_driver is not null)
        {
            await _driver.DisposeAsync();
        }
    }

    [Test]
    public async Task Ticked_cancel_ends_the_order()
    {
        var (order, _) = await _driver.SubmitUntilTaskAsync("adjustOrder");

        await SubmitAdjustmentAsync(order, new JsonObject { ["cancelOrder"] = true });

        var after = await _driver.InstanceAsync(order.Id);
        var record = await _driver.OrderRecordAsync(order);
        Assert.That((after.Status, after.EndNodeId), Is.EqualTo((InstanceStatuses.Completed, "endWithdrawn")));
        Assert.That(OrderFlowDriver.Text(record["status"]), Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task Plain_submit_checks_again()
    {
        var (order, _) = await _driver.SubmitUntilTaskAsync("adjustOrder");

        await SubmitAdjustmentAsync(order, new JsonObject());

        var history = await _driver.Engine.GetHistoryAsync(order.Id, CancellationToken.None);
        var adjusted = history.Single(entry => entry.Action == AuditActions.NodeCompleted && entry.NodeId == "adjustOrder");
        Assert.That(adjusted.Details!["edge"]!.GetValue<string>(), Is.EqualTo("e-recheck"));
        Assert.That(history.Count(entry => entry.Action == AuditActions.NodeCompleted && entry.NodeId == "creditCheck"),
            Is.EqualTo(2));
    }

    private async Task SubmitAdjustmentAsync(WorkflowInstance order, JsonObject changes)
    {
        var task = (await _driver.OpenTasksAsync(order.Id)).Single(open => open.NodeId == "adjustOrder");
        await _driver.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Submit, task.Assignee) { FormChanges = changes },
            CancellationToken.None);
    }
}
