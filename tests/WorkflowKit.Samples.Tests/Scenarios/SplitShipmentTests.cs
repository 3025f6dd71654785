using System.Text.Json.Nodes;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using static WorkflowKit.Samples.Tests.Scenarios.OrderFlowDriver;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>
/// Ships committed sample orders of the order-to-shipment template, on SQLite and on PostgreSQL. An order whose FEFO
/// allocation spans several warehouses starts one warehouse-shipment per warehouse: each task goes to that warehouse's
/// staff and lists only its batches, and each submission moves only that warehouse's stock. The order ships when every
/// shipment has ended.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class SplitShipmentTests(string provider)
{
    /// <summary>The warehouse of each sales region in the sample organisation.</summary>
    private static readonly Dictionary<string, string> RegionWarehouses = new(StringComparer.Ordinal)
    {
        ["east"] = "sh", ["north"] = "bj", ["south"] = "gz", ["west"] = "cd",
    };

    private OrderFlowDriver _driver = null!;

    [OneTimeSetUp]
    public async Task LoadSamples() => _driver = await LoadAsync(provider);

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_driver is not null)
        {
            await _driver.DisposeAsync();
        }
    }

    /// <summary>
    /// Submits sample orders until five wait for shipment, one of them from two warehouses and one from a warehouse
    /// outside the customer's region, checking every shipment task of each.
    /// </summary>
    [Test]
    public async Task Shipment_task_per_allocating_warehouse()
    {
        var checkedOrders = 0;
        var split = 0;
        var otherRegion = 0;
        foreach (var order in _driver.Orders)
        {
            var started = await _driver.SubmitAsync(order);
            var shipments = await _driver.ShipmentsAsync(started.Id);
            if (shipments.Count == 0)
            {
                continue;
            }

            var instance = await _driver.InstanceAsync(started.Id);
            await CheckShipmentsAsync(instance, shipments);
            checkedOrders++;
            split += shipments.Count > 1 ? 1 : 0;
            var regionWarehouse = RegionWarehouses[Text(instance.Form["region"])];
            otherRegion += shipments.Any(shipment => Text(shipment.Form["warehouse"]) != regionWarehouse) ? 1 : 0;
            if (checkedOrders >= 5 && split > 0 && otherRegion > 0)
            {
                break;
            }
        }

        Assert.That(checkedOrders, Is.GreaterThanOrEqualTo(5), "sample orders that wait for shipment");
        Assert.That(split, Is.GreaterThan(0), "No checked order ships from two warehouses; the sample stock changed.");
        Assert.That(otherRegion, Is.GreaterThan(0),
            "No checked order ships from another region's warehouse; the sample stock changed, so pick other orders.");
    }

    [Test]
    public async Task Both_shipments_ship_the_order()
    {
        var (order, before) = await _driver.SubmitShippingFromAsync(2);
        var shipments = await _driver.ShipmentsAsync(order.Id);
        var orderNo = Text(order.Form["orderNo"]);

        await _driver.ShipAsync(shipments[0], _ => null, "SF1001");
        var halfway = await _driver.InstanceAsync(order.Id);
        var stockHalfway = await _driver.StockAsync();
        await _driver.ShipAsync(shipments[1], _ => null, "SF1002");

        var shipped = await _driver.InstanceAsync(order.Id);
        var record = await _driver.OrderRecordAsync(shipped);
        var stock = await _driver.StockAsync();
        var first = AllocatedByBatch(order, Text(shipments[0].Form["warehouse"]));
        var receivables = await _driver.RecordsAsync("receivable", orderNo);
        var instructions = await _driver.RecordsAsync("shipping-instruction", orderNo);
        Assert.That(halfway.Status, Is.EqualTo(InstanceStatuses.Running));
        Assert.That(first.Keys.Select(no => stockHalfway[no]),
            Is.EqualTo(first.Select(pair => before[pair.Key] with { Quantity = before[pair.Key].Quantity - pair.Value })));
        Assert.That((shipped.Status, shipped.EndNodeId), Is.EqualTo((InstanceStatuses.Completed, "endShipped")));
        Assert.That(Text(record["status"]), Is.EqualTo("shipped"));
        Assert.That(Text(record["shipmentStatus"]), Is.EqualTo("shipped"));
        Assert.That(Text(record["trackingNo"]), Does.Contain("SF1001").And.Contain("SF1002"));
        Assert.That(instructions.Select(instruction => Text(instruction["status"])), Is.EqualTo(new[] { "shipped", "shipped" }));
        Assert.That(receivables.Single()["amount"]!.GetValue<decimal>(), Is.EqualTo(record["total"]!.GetValue<decimal>()));
        foreach (var (batchNo, quantity) in AllocatedByBatch(order))
        {
            Assert.That(stock[batchNo], Is.EqualTo(before[batchNo] with { Quantity = before[batchNo].Quantity - quantity }),
                batchNo);
        }
    }

    /// <summary>
    /// One warehouse ships one unit short and the other rejects its shipment: the order is billed for what left, the
    /// rest of both reservations is released, and the rejected warehouse's instruction is cancelled.
    /// </summary>
    [Test]
    public async Task Short_and_rejected_shipment_bills_shipped_part()
    {
        var (order, before) = await _driver.SubmitShippingFromAsync(2);
        var shipments = await _driver.ShipmentsAsync(order.Id);
        var orderNo = Text(order.Form["orderNo"]);
        var firstLine = shipments[0].Form["lines"]![0]!["batchNo"]!.GetValue<string>();

        await _driver.ShipAsync(
            shipments[0],
            line => Text(line["batchNo"]) == firstLine ? line["allocatedQuantity"]!.GetValue<decimal>() - 1 : null,
            "SF2001");
        await _driver.RejectAsync(shipments[1], "冷链车故障");

        var ended = await _driver.InstanceAsync(order.Id);
        var record = await _driver.OrderRecordAsync(ended);
        var stock = await _driver.StockAsync();
        var shipped = AllocatedByBatch(order, Text(shipments[0].Form["warehouse"]));
        shipped[firstLine] -= 1;
        var rejected = await _driver.InstanceAsync(shipments[1].Id);
        var instructions = await _driver.RecordsAsync("shipping-instruction", orderNo);
        var receivable = (await _driver.RecordsAsync("receivable", orderNo)).Single();
        Assert.That((ended.Status, ended.EndNodeId), Is.EqualTo((InstanceStatuses.Completed, "endShipped")));
        Assert.That(rejected.Status, Is.EqualTo(InstanceStatuses.Rejected));
        Assert.That(Text(record["status"]), Is.EqualTo("partiallyShipped"));
        Assert.That(Text(record["shipmentStatus"]), Is.EqualTo("partial"));
        Assert.That(Text(record["shipmentSummary"]), Does.Contain("仓库拒绝发货").And.Contain("少发 1"));
        Assert.That(receivable["amount"]!.GetValue<decimal>(), Is.EqualTo(BilledAmount(record, order, shipped)));
        Assert.That(receivable["amount"]!.GetValue<decimal>(), Is.LessThan(record["total"]!.GetValue<decimal>()));
        Assert.That(instructions.Select(instruction => Text(instruction["status"])), Is.EqualTo(new[] { "shipped", "cancelled" }));
        Assert.That(Text(instructions[1]["note"]), Is.EqualTo("仓库拒绝发货"));
        foreach (var batchNo in AllocatedByBatch(order).Keys)
        {
            var expected = before[batchNo].Quantity - shipped.GetValueOrDefault(batchNo);
            Assert.That(stock[batchNo], Is.EqualTo(before[batchNo] with { Quantity = expected }), batchNo);
        }
    }

    [Test]
    public async Task No_warehouse_ships_cancels_the_order()
    {
        var (order, before) = await _driver.SubmitShippingFromAsync(2);
        var shipments = await _driver.ShipmentsAsync(order.Id);

        await _driver.ShipAsync(shipments[0], _ => 0m, "");
        await _driver.RejectAsync(shipments[1], "客户改期");

        var ended = await _driver.InstanceAsync(order.Id);
        var record = await _driver.OrderRecordAsync(ended);
        var stock = await _driver.StockAsync();
        var orderNo = Text(order.Form["orderNo"]);
        Assert.That((ended.Status, ended.EndNodeId), Is.EqualTo((InstanceStatuses.Completed, "endCancelled")));
        Assert.That(Text(record["status"]), Is.EqualTo("cancelled"));
        Assert.That(Text(record["cancelReason"]), Does.StartWith("各仓均未发货"));
        Assert.That(await _driver.RecordsAsync("receivable", orderNo), Is.Empty);
        Assert.That(AllocatedByBatch(order).Keys.Select(no => stock[no]), Is.EqualTo(AllocatedByBatch(order).Keys.Select(no => before[no])));
    }

    private async Task CheckShipmentsAsync(WorkflowInstance order, IReadOnlyList<WorkflowInstance> shipments)
    {
        var orderNo = Text(order.Form["orderNo"]);
        var warehouses = order.Variables["allocation"]!.AsArray()
            .Select(row => Text(row!["warehouse"])).Distinct(StringComparer.Ordinal).ToList();
        Assert.That(shipments.Select(shipment => Text(shipment.Form["warehouse"])), Is.EqualTo(warehouses), orderNo);
        Assert.That(await _driver.OpenTasksAsync(order.Id), Is.Empty, orderNo);
        foreach (var shipment in shipments)
        {
            var warehouse = Text(shipment.Form["warehouse"]);
            var task = (await _driver.OpenTasksAsync(shipment.Id)).Single();
            var assignee = await _driver.Environment.Stores.Organization.FindUserAsync(task.Assignee, CancellationToken.None);
            var view = await _driver.Engine.GetTaskViewAsync(task.Id, task.Assignee, CancellationToken.None);
            var lines = view.Form["lines"]!.AsArray().OfType<JsonObject>()
                .GroupBy(line => Text(line["batchNo"]), StringComparer.Ordinal)
                .ToDictionary(
                    group => group.Key, group => group.Sum(line => line["allocatedQuantity"]!.GetValue<decimal>()),
                    StringComparer.Ordinal);

            Assert.That(task.NodeId, Is.EqualTo(ShipmentNode), orderNo);
            Assert.That(assignee!.DepartmentId, Is.EqualTo("warehouse-" + warehouse), orderNo);
            Assert.That(assignee.Roles, Does.Contain("warehouse"), orderNo);
            Assert.That(Text(view.Form["orderNo"]), Is.EqualTo(orderNo));
            Assert.That(lines, Is.EqualTo(AllocatedByBatch(order, warehouse)), orderNo + " " + warehouse);
            Assert.That(view.FieldAccess["lines.allocatedQuantity"], Is.EqualTo("readonly"), orderNo);
            Assert.That(view.Form.ContainsKey("total"), Is.False, orderNo);
        }
    }

    /// <summary>
    /// Computes the receivable of a partial shipment: the shipped units of each product, taken line by line in order,
    /// at the line's unit price.
    /// </summary>
    private static decimal BilledAmount(JsonObject record, WorkflowInstance order, Dictionary<string, decimal> shippedByBatch)
    {
        var shippedByProduct = order.Variables["allocation"]!.AsArray().OfType<JsonObject>()
            .GroupBy(row => Text(row["batchNo"]), StringComparer.Ordinal)
            .Select(group => (Product: Text(group.First()["product"]), Shipped: shippedByBatch.GetValueOrDefault(group.Key)))
            .GroupBy(pair => pair.Product, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Shipped), StringComparer.Ordinal);
        var amount = 0m;
        foreach (var line in record["lines"]!.AsArray().OfType<JsonObject>())
        {
            var product = Text(line["product"]);
            var billed = Math.Min(line["quantity"]!.GetValue<decimal>(), shippedByProduct.GetValueOrDefault(product));
            shippedByProduct[product] = shippedByProduct.GetValueOrDefault(product) - billed;
            amount += billed * line["unitPrice"]!.GetValue<decimal>();
        }

        return Math.Round(amount, 2);
    }
}
