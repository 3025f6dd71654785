using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>
/// Withdraws orders of the biopharma order-to-shipment template on the committed sample data, on SQLite and on
/// PostgreSQL. An order withdrawn while its warehouse shipments run, before any warehouse acted, ends them, gives their
/// stock back and cancels their shipping instructions. One withdrawn before its reservation releases nothing, and one
/// that a warehouse already confirmed cannot be withdrawn.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class OrderWithdrawalTests(string provider)
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
    public async Task Withdraw_during_shipments_releases_all()
    {
        var (order, before) = await _driver.SubmitShippingFromAsync(2);
        var reservedWhileRunning = await _driver.StockAsync();
        var shipments = await _driver.ShipmentsAsync(order.Id);

        var withdrawn = await _driver.Engine.WithdrawAsync(
            order.Id, order.Initiator, "customer cancelled the order", CancellationToken.None);

        var batches = OrderFlowDriver.AllocatedByBatch(order).Keys.ToList();
        var orderNo = OrderFlowDriver.Text(order.Form["orderNo"]);
        var instructions = await _driver.RecordsAsync("shipping-instruction", orderNo);
        var record = await _driver.OrderRecordAsync(order);
        var stock = await _driver.StockAsync();
        Assert.That(shipments, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(batches.Select(no => reservedWhileRunning[no]), Is.Not.EqualTo(batches.Select(no => before[no])));
        Assert.That(batches.Select(no => stock[no]), Is.EqualTo(batches.Select(no => before[no])));
        Assert.That(instructions, Has.Count.EqualTo(shipments.Count));
        Assert.That(instructions.Select(instruction => OrderFlowDriver.Text(instruction["status"])),
            Has.All.EqualTo("cancelled"));
        Assert.That(instructions.Select(instruction => OrderFlowDriver.Text(instruction["note"])),
            Has.All.EqualTo("customer cancelled the order"));
        Assert.That(OrderFlowDriver.Text(record["status"]), Is.EqualTo("cancelled"));
        Assert.That(OrderFlowDriver.Text(record["cancelReason"]), Is.EqualTo("customer cancelled the order"));
        Assert.That(await _driver.RecordsAsync("receivable", orderNo), Is.Empty);
        Assert.That((withdrawn.Status, withdrawn.EndNodeId), Is.EqualTo((InstanceStatuses.Withdrawn, "endCancelled")));
        foreach (var shipment in shipments)
        {
            Assert.That((await _driver.InstanceAsync(shipment.Id)).Status, Is.EqualTo(InstanceStatuses.Cancelled));
            Assert.That(await _driver.OpenTasksAsync(shipment.Id), Is.Empty);
        }
    }

    /// <summary>
    /// One warehouse has confirmed its shipment, which is the order's first action, so the initiator can no longer
    /// withdraw it: the order keeps running, the shipped stock stays shipped and the other reservation stays.
    /// </summary>
    [Test]
    public async Task Withdraw_after_one_shipment_rejected()
    {
        var (order, _) = await _driver.SubmitShippingFromAsync(2);
        var shipments = await _driver.ShipmentsAsync(order.Id);
        await _driver.ShipAsync(shipments[0], _ => null, "SF3001");
        var stockBefore = await _driver.StockAsync();

        var error = Assert.ThrowsAsync<InstanceActionException>(() => _driver.Engine.WithdrawAsync(
            order.Id, order.Initiator, "医院取消采购计划", CancellationToken.None));

        var orderNo = OrderFlowDriver.Text(order.Form["orderNo"]);
        var instructions = await _driver.RecordsAsync("shipping-instruction", orderNo);
        var record = await _driver.OrderRecordAsync(order);
        Assert.That(error!.Error, Is.EqualTo(InstanceActionError.AlreadyActed));
        Assert.That(error.SubFlowInstanceId, Is.EqualTo(shipments[0].Id));
        Assert.That(error.Message, Does.Contain($"of its sub-flow 'warehouse-shipment' (instance {shipments[0].Id})"));
        Assert.That((await _driver.InstanceAsync(order.Id)).Status, Is.EqualTo(InstanceStatuses.Running));
        Assert.That(instructions.Select(instruction => OrderFlowDriver.Text(instruction["status"])),
            Is.EquivalentTo(new[] { "shipped", "pending" }));
        Assert.That(OrderFlowDriver.Text(record["status"]), Is.Not.EqualTo("cancelled"));
        Assert.That(await _driver.StockAsync(), Is.EqualTo(stockBefore));
    }

    [Test]
    public async Task Withdraw_before_reservation_releases_nothing()
    {
        var (order, stockBefore) = await SubmitUntilTaskAsync("adjustOrder");

        var withdrawn = await _driver.Engine.WithdrawAsync(order.Id, order.Initiator, null, CancellationToken.None);

        var record = await _driver.OrderRecordAsync(order);
        var orderNo = OrderFlowDriver.Text(record["orderNo"]);
        Assert.That(await _driver.StockAsync(), Is.EqualTo(stockBefore));
        Assert.That(await _driver.RecordsAsync("shipping-instruction", orderNo), Is.Empty);
        Assert.That(await _driver.ShipmentsAsync(order.Id), Is.Empty);
        Assert.That(OrderFlowDriver.Text(record["status"]), Is.EqualTo("cancelled"));
        Assert.That((withdrawn.Status, withdrawn.EndNodeId),
            Is.EqualTo((InstanceStatuses.Withdrawn, "endNothingReserved")));
    }

    [Test]
    public async Task Withdrawal_notice_names_the_reason()
    {
        var (order, _) = await _driver.SubmitShippingFromAsync(1);

        await _driver.Engine.WithdrawAsync(order.Id, order.Initiator, "医院取消采购计划", CancellationToken.None);

        var notice = await CancellationNoticeAsync(order);
        Assert.That(notice.Get("zh-CN"), Does.EndWith("原因：医院取消采购计划"));
        Assert.That(notice.Get("en"), Does.EndWith("Reason: 医院取消采购计划"));
    }

    [Test]
    public async Task Withdrawal_notice_without_comment_says_so()
    {
        var (order, _) = await _driver.SubmitShippingFromAsync(1);

        await _driver.Engine.WithdrawAsync(order.Id, order.Initiator, null, CancellationToken.None);

        var notice = await CancellationNoticeAsync(order);
        Assert.That(notice.Get("zh-CN"), Does.EndWith("原因：发起人撤回订单，未填写原因"));
    }

    private async Task<Definitions.LocalizedText> CancellationNoticeAsync(WorkflowInstance order)
    {
        var notices = await _driver.Engine.GetNotificationsAsync(order.Initiator, false, CancellationToken.None);
        return notices.Single(notice => notice.InstanceId == order.Id && notice.NodeId == "notifyCancelled").Message!;
    }

    /// <summary>
    /// Submits sample orders one by one until one waits at <paramref name="nodeId"/>, and returns it with the stock
    /// just before it was submitted.
    /// </summary>
    private async Task<(WorkflowInstance Order, Dictionary<string, Stock> StockBefore)> SubmitUntilTaskAsync(string nodeId)
    {
        foreach (var order in _driver.Orders)
        {
            var stockBefore = await _driver.StockAsync();
            var started = await _driver.SubmitAsync(order);
            if ((await _driver.OpenTasksAsync(started.Id)).Any(task => task.NodeId == nodeId))
            {
                return (await _driver.InstanceAsync(started.Id), stockBefore);
            }
        }

        Assert.Fail($"None of the {_driver.Orders.Count} sample orders waits at '{nodeId}'; the sample data changed.");
        throw new InvalidOperationException("Assert.Fail returned.");
    }
}
