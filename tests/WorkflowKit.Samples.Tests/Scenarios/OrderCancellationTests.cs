using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Storage;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>
/// An administrator cancels orders of the biopharma order-to-shipment template on the committed sample data, on SQLite
/// and on PostgreSQL. The cancel ends the order's running warehouse shipments, and the order's cancellation path
/// (<c>settings.onCancel</c>) gives their stock back and cancels their shipping instructions, once.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class OrderCancellationTests(string provider)
{
    private const string Admin = "admin";
    private const string Reason = "客户停止合作";

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
    public async Task Cancel_ends_shipments_and_releases_stock()
    {
        var (order, before) = await _driver.SubmitShippingFromAsync(2);
        var reservedWhileRunning = await _driver.StockAsync();
        var shipments = await _driver.ShipmentsAsync(order.Id);

        var cancelled = await _driver.Engine.CancelAsync(order.Id, Admin, Reason, CancellationToken.None);

        var batches = OrderFlowDriver.AllocatedByBatch(order).Keys.ToList();
        var orderNo = OrderFlowDriver.Text(order.Form["orderNo"]);
        var instructions = await _driver.RecordsAsync("shipping-instruction", orderNo);
        var record = await _driver.OrderRecordAsync(order);
        var stock = await _driver.StockAsync();
        Assert.That(shipments, Has.Count.EqualTo(2));
        Assert.That(batches.Select(no => reservedWhileRunning[no]), Is.Not.EqualTo(batches.Select(no => before[no])));
        Assert.That(batches.Select(no => stock[no]), Is.EqualTo(batches.Select(no => before[no])));
        Assert.That(instructions.Select(instruction => OrderFlowDriver.Text(instruction["status"])),
            Is.EqualTo(new[] { "cancelled", "cancelled" }));
        Assert.That(instructions.Select(instruction => OrderFlowDriver.Text(instruction["note"])),
            Has.All.EqualTo("管理员取消：" + Reason));
        Assert.That(OrderFlowDriver.Text(record["status"]), Is.EqualTo("cancelled"));
        Assert.That(await _driver.RecordsAsync("receivable", orderNo), Is.Empty);
        Assert.That((cancelled.Status, cancelled.EndNodeId), Is.EqualTo((InstanceStatuses.Cancelled, "endCancelled")));
        foreach (var shipment in shipments)
        {
            Assert.That((await _driver.InstanceAsync(shipment.Id)).Status, Is.EqualTo(InstanceStatuses.Cancelled));
            Assert.That(await _driver.OpenTasksAsync(shipment.Id), Is.Empty);
        }
    }

    [Test]
    public async Task Cancel_audits_who_and_why()
    {
        var (order, _) = await _driver.SubmitShippingFromAsync(2);
        var shipments = await _driver.ShipmentsAsync(order.Id);

        await _driver.Engine.CancelAsync(order.Id, Admin, Reason, CancellationToken.None);

        var line = await CancelLineAsync(order.Id);
        Assert.That((line.Actor, line.Comment), Is.EqualTo((Admin, Reason)));
        Assert.That(line.Details!["children"]!.AsArray().Select(id => id!.GetValue<string>()),
            Is.EquivalentTo(shipments.Select(shipment => shipment.Id)));
        foreach (var shipment in shipments)
        {
            var childLine = await CancelLineAsync(shipment.Id);
            Assert.That((childLine.Actor, childLine.Comment), Is.EqualTo((Admin, Reason)));
            Assert.That(childLine.Details!["cancelledWith"]!.GetValue<string>(), Is.EqualTo(order.Id));
        }
    }

    [Test]
    public async Task Cancel_before_reservation_marks_order()
    {
        var (order, stockBefore) = await _driver.SubmitUntilTaskAsync("adjustOrder");

        var cancelled = await _driver.Engine.CancelAsync(order.Id, Admin, null, CancellationToken.None);

        var record = await _driver.OrderRecordAsync(order);
        Assert.That(await _driver.StockAsync(), Is.EqualTo(stockBefore));
        Assert.That(OrderFlowDriver.Text(record["status"]), Is.EqualTo("cancelled"));
        Assert.That(OrderFlowDriver.Text(record["cancelReason"]), Is.EqualTo("管理员取消：未填写原因"));
        Assert.That((cancelled.Status, cancelled.EndNodeId),
            Is.EqualTo((InstanceStatuses.Cancelled, "endCancelledUnreserved")));
    }

    /// <summary>
    /// A cancel after one warehouse shipped leaves an order that finance can tell from one cancelled before shipping,
    /// and the salesperson's notice names the shipped units and the receivable.
    /// </summary>
    [Test]
    public async Task Cancel_after_shipment_marks_part_shipped()
    {
        var (order, _) = await _driver.SubmitShippingFromAsync(2);
        var shipments = await _driver.ShipmentsAsync(order.Id);
        await _driver.ShipAsync(shipments[0], _ => null, "SF4002");

        await _driver.Engine.CancelAsync(order.Id, Admin, Reason, CancellationToken.None);

        var orderNo = OrderFlowDriver.Text(order.Form["orderNo"]);
        var record = await _driver.OrderRecordAsync(order);
        var receivable = (await _driver.RecordsAsync("receivable", orderNo)).Single();
        var shippedUnits = OrderFlowDriver.AllocatedByBatch(order, OrderFlowDriver.Text(shipments[0].Form["warehouse"]))
            .Values.Sum();
        var amount = receivable["amount"]!.GetValue<decimal>();
        var notices = await _driver.Engine.GetNotificationsAsync(order.Initiator, false, CancellationToken.None);
        var ofOrder = notices.Where(notice => notice.InstanceId == order.Id).ToList();
        var notice = ofOrder.Single(candidate => candidate.NodeId == "notifyPartlyCancelled").Message!;
        Assert.That(OrderFlowDriver.Text(record["status"]), Is.EqualTo("partlyShippedCancelled"));
        Assert.That(OrderFlowDriver.Text(record["shipmentStatus"]), Is.EqualTo("partial"));
        Assert.That(OrderFlowDriver.Text(record["cancelReason"]), Is.EqualTo("管理员取消：" + Reason));
        Assert.That(amount, Is.GreaterThan(0m));
        Assert.That(ofOrder.Select(candidate => candidate.NodeId), Does.Not.Contain("notifyCancelled"));
        Assert.That(notice.Get("zh-CN"), Does.StartWith(
            $"订单 {orderNo}（{OrderFlowDriver.Text(order.Form["customerName"])}）已取消，但取消前已发出 " +
            $"{shippedUnits.ToString(System.Globalization.CultureInfo.InvariantCulture)} 件，已按实发数量生成应收 AR-{orderNo}，金额 "));
        Assert.That(notice.Get("zh-CN"), Does.Contain("原因：管理员取消：" + Reason));
        Assert.That(notice.Get("en"), Does.Contain(
            $"was cancelled after {shippedUnits.ToString(System.Globalization.CultureInfo.InvariantCulture)} units had shipped. " +
            $"The receivable AR-{orderNo} bills the shipped quantities"));
    }

    /// <summary>
    /// The record writes of automatic steps name the user whose action ran the step: the warehouse user who confirmed
    /// the shipment for the shipped stock and its instruction, and the administrator for the cancellation's writes.
    /// </summary>
    [Test]
    public async Task Record_history_names_acting_users()
    {
        var (order, _) = await _driver.SubmitShippingFromAsync(2);
        var shipments = await _driver.ShipmentsAsync(order.Id);
        var shipTask = (await _driver.OpenTasksAsync(shipments[0].Id)).Single();
        var shippedWarehouse = OrderFlowDriver.Text(shipments[0].Form["warehouse"]);
        await _driver.ShipAsync(shipments[0], _ => null, "SF4001");

        await _driver.Engine.CancelAsync(order.Id, Admin, Reason, CancellationToken.None);

        var orderNo = OrderFlowDriver.Text(order.Form["orderNo"]);
        var orderHistory = await HistoryAsync("order", order.Variables["recordId"]!.GetValue<long>());
        var instructions = await RecordIdsAsync("shipping-instruction", data => OrderFlowDriver.Text(data["orderNo"]) == orderNo);
        var shippedBatches = OrderFlowDriver.AllocatedByBatch(order, shippedWarehouse).Keys.ToHashSet();
        var releasedBatches = OrderFlowDriver.AllocatedByBatch(order).Keys.Where(no => !shippedBatches.Contains(no)).ToHashSet();
        var shippedBatchIds = await RecordIdsAsync("stock-batch", data => shippedBatches.Contains(OrderFlowDriver.Text(data["batchNo"])));
        var releasedBatchIds = await RecordIdsAsync("stock-batch", data => releasedBatches.Contains(OrderFlowDriver.Text(data["batchNo"])));

        Assert.That(shipTask.Assignee, Is.Not.EqualTo(order.Initiator), "the sample's shipment task goes to the salesperson");
        Assert.That(orderHistory[0].UserId, Is.EqualTo(order.Initiator), "the order's creation");
        Assert.That((orderHistory[^1].UserId, orderHistory[^1].InstanceId), Is.EqualTo((Admin, order.Id)),
            "the order's cancellation");
        Assert.That(instructions, Has.Count.EqualTo(2));
        Assert.That(shippedBatchIds, Is.Not.Empty);
        Assert.That(releasedBatchIds, Is.Not.Empty);
        foreach (var id in instructions)
        {
            var history = await HistoryAsync("shipping-instruction", id);
            Assert.That(history[0].UserId, Is.EqualTo(order.Initiator), $"instruction {id} created at submission");
            Assert.That(history.Skip(1).Select(entry => entry.UserId), Has.All.AnyOf(shipTask.Assignee, Admin),
                $"later writes of instruction {id}");
        }

        var instructionWriters = new List<string>();
        foreach (var id in instructions)
        {
            instructionWriters.AddRange((await HistoryAsync("shipping-instruction", id)).Skip(1).Select(entry => entry.UserId));
        }

        Assert.That(instructionWriters, Does.Contain(shipTask.Assignee));
        Assert.That(instructionWriters, Does.Contain(Admin));
        foreach (var id in shippedBatchIds)
        {
            var last = (await HistoryAsync("stock-batch", id))[^1];
            Assert.That((last.UserId, last.InstanceId is not null), Is.EqualTo((shipTask.Assignee, true)),
                $"shipped stock batch {id}");
        }

        foreach (var id in releasedBatchIds)
        {
            var last = (await HistoryAsync("stock-batch", id))[^1];
            Assert.That((last.UserId, last.InstanceId), Is.EqualTo((Admin, order.Id)), $"released stock batch {id}");
        }
    }

    /// <summary>
    /// Two engine nodes cancel the same order at once: one cancel wins, the other gets a conflict, and the cancellation
    /// path releases the reservations once.
    /// </summary>
    [Test]
    public async Task Two_nodes_cancel_path_runs_once()
    {
        var (order, before) = await _driver.SubmitShippingFromAsync(2);
        await using var other = await _driver.OpenOtherNodeAsync();

        var outcomes = await Task.WhenAll(
            CancelOrConflictAsync(_driver.Engine, order.Id),
            CancelOrConflictAsync(other.Engine, order.Id));

        var batches = OrderFlowDriver.AllocatedByBatch(order).Keys.ToList();
        var stock = await _driver.StockAsync();
        var history = await _driver.Engine.GetHistoryAsync(order.Id, CancellationToken.None);
        Assert.That(outcomes.Count(won => won), Is.EqualTo(1));
        Assert.That(batches.Select(no => stock[no]), Is.EqualTo(batches.Select(no => before[no])));
        Assert.That(history.Count(entry => entry.Action == AuditActions.InstanceCancelled), Is.EqualTo(1));
        Assert.That(history.Count(entry => entry.Action == AuditActions.NodeCompleted
            && entry.NodeId == "releaseOpenReservations"), Is.EqualTo(1));
        Assert.That((await _driver.InstanceAsync(order.Id)).Status, Is.EqualTo(InstanceStatuses.Cancelled));
    }

    /// <returns>Whether this cancel won; false when it lost to the other node's cancel with a conflict.</returns>
    private static async Task<bool> CancelOrConflictAsync(WorkflowEngine engine, string orderId)
    {
        await Task.Yield();
        try
        {
            await engine.CancelAsync(orderId, Admin, Reason, CancellationToken.None);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    private Task<IReadOnlyList<RecordAuditEntry>> HistoryAsync(string formKey, long recordId) =>
        _driver.Environment.Stores.RecordQueries.GetHistoryAsync(formKey, recordId, CancellationToken.None);

    private async Task<List<long>> RecordIdsAsync(string formKey, Func<System.Text.Json.Nodes.JsonObject, bool> matches)
    {
        var page = await _driver.Environment.Stores.Records.QueryAsync(
            new RecordQuery(formKey) { Limit = 100_000 }, null, CancellationToken.None);
        return [.. page.Items.Where(item => matches(item.Data)).OrderBy(item => item.Id).Select(item => item.Id)];
    }

    private async Task<AuditEntry> CancelLineAsync(string instanceId) =>
        (await _driver.Engine.GetHistoryAsync(instanceId, CancellationToken.None))
            .Single(entry => entry.Action == AuditActions.InstanceCancelled);
}
