using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>
/// Runs the biopharma batch-expiry watch on SQLite and on PostgreSQL, on the committed sample data and on batches and
/// customers crafted around the order flow's shelf-life rule. The tests check the buckets the watch writes, the review
/// sub-flow and tasks it opens per warehouse, the decisions written back to the batches, and what a waiting shipment
/// of a batch that the watch quarantines ships.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class ExpiryWatchTests(string provider)
{
    private const string Watch = "batch-expiry-watch";
    private const string Review = "batch-expiry-review";
    private const string Admin = "admin";

    private OrderFlowDriver _driver = null!;

    [SetUp]
    public async Task LoadSamples() => _driver = await OrderFlowDriver.LoadAsync(provider);

    [TearDown]
    public async Task DropDatabase()
    {
        if (_driver is not null)
        {
            await _driver.DisposeAsync();
        }
    }

    [Test]
    public async Task Watch_OpensReviewPerWarehouse()
    {
        await CraftAsync();

        var watch = await RunWatchAsync();

        Assert.That(watch.Status, Is.EqualTo(InstanceStatuses.Completed));
        var reviews = await ReviewsAsync();
        Assert.That(reviews.Select(review => Text(review.Form["warehouse"])), Is.EqualTo(new[] { "gz", "sh" }));
        Assert.That(await TaskNodesAsync(reviews[0]), Is.EqualTo(new[] { "confirmQuarantine:wh-south" }));
        Assert.That(await TaskNodesAsync(reviews[1]), Is.EqualTo(new[] { "confirmQuarantine:wh-east", "decide:wh-east" }));
        var expired = await BatchAsync("SH-EXPIRED");
        Assert.That(Text(expired.Data["status"]), Is.EqualTo("quarantined"));
        Assert.That(Text(expired.Data["expiryAlert"]), Is.EqualTo("expired"));
        Assert.That(Text(expired.Data["quarantineCheck"]), Is.EqualTo("pending"));
        Assert.That(expired.Data["reservedQuantity"]!.GetValue<decimal>(), Is.EqualTo(0m));
        Assert.That(Text(expired.Data["expiryNote"]), Is.EqualTo($"{Day(0)} 效期巡检：已过期，转入隔离，释放预留 5"));
        var tomorrow = await BatchAsync("SH-TOMORROW");
        Assert.That(Text(tomorrow.Data["status"]), Is.EqualTo("available"));
        Assert.That(Text(tomorrow.Data["expiryAlert"]), Is.EqualTo("unshippable"));
        Assert.That(Text(tomorrow.Data["expiryDecision"]), Is.EqualTo("pending"));
        var forty = await BatchAsync("BJ-40");
        Assert.That(Text(forty.Data["expiryAlert"]), Is.EqualTo("d60"));
        Assert.That(forty.Data["expiryDecision"], Is.Null, "a customer that accepts 30 days can take it");
        var beijing = await NoticesAsync("wh-north", "notifyWarehouse");
        Assert.That(beijing, Has.Count.EqualTo(1));
        Assert.That(beijing[0], Does.Contain("BJ-40").And.Contain("三十天诊所").And.Not.Contain("六十天医院"));
    }

    [Test]
    public async Task Watch_SecondRunAddsNoTasks()
    {
        await CraftAsync();
        await RunWatchAsync();
        var tasksAfterFirst = await OpenReviewTasksAsync();

        var second = await RunWatchAsync();

        Assert.That(second.Status, Is.EqualTo(InstanceStatuses.Completed));
        Assert.That(await ReviewsAsync(), Has.Count.EqualTo(2));
        Assert.That(await OpenReviewTasksAsync(), Is.EqualTo(tasksAfterFirst));
        Assert.That(tasksAfterFirst, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Watch_NothingAtRiskOpensNoTask()
    {
        await CraftAsync(onlyFarBatches: true);

        var watch = await RunWatchAsync();

        Assert.That(watch.Status, Is.EqualTo(InstanceStatuses.Completed));
        Assert.That(await ReviewsAsync(), Is.Empty);
        Assert.That(await NoticesAsync("wh-east", "notifyWarehouse"), Is.Empty);
        Assert.That(Text((await BatchAsync("SH-FAR")).Data["expiryAlert"]), Is.EqualTo("none"));
    }

    [Test]
    public async Task Review_WritesDecisionsToBatches()
    {
        await CraftAsync();
        await RunWatchAsync();
        var shanghai = (await ReviewsAsync()).Single(review => Text(review.Form["warehouse"]) == "sh");

        await SubmitAsync(shanghai, "decide", Decisions(shanghai, decision: null, comment: null));
        var again = await TaskAsync(shanghai, "decide");
        var view = await _driver.Engine.GetTaskViewAsync(again.Id, again.Assignee, CancellationToken.None);
        Assert.That(Text(view.Form["decisionProblem"]), Does.StartWith("SH-TOMORROW：未选择处置"));
        Assert.That(Text((await BatchAsync("SH-TOMORROW")).Data["expiryDecision"]), Is.EqualTo("pending"));

        await SubmitAsync(shanghai, "decide", Decisions(shanghai, "destroy", "明日到期，供应商不收回"));
        await SubmitAsync(shanghai, "confirmQuarantine", new JsonObject { ["quarantineNote"] = "已移入 B2 隔离区" });

        var destroyed = await BatchAsync("SH-TOMORROW");
        Assert.That(Text(destroyed.Data["status"]), Is.EqualTo("quarantined"));
        Assert.That(Text(destroyed.Data["expiryDecision"]), Is.EqualTo("destroy"));
        Assert.That(destroyed.Data["reservedQuantity"]!.GetValue<decimal>(), Is.EqualTo(0m));
        Assert.That(Text(destroyed.Data["expiryNote"]), Does.EndWith(
            $"{Day(0)} wh-east 决定：销毁，释放预留 4，明日到期，供应商不收回"));
        var history = await _driver.Environment.Stores.RecordQueries.GetHistoryAsync(
            "stock-batch", destroyed.Id, CancellationToken.None);
        var decided = history.Single(entry => entry.InstanceId == shanghai.Id);
        Assert.That(decided.Changes.Select(change => change.Field),
            Is.SupersetOf(new[] { "status", "expiryDecision", "expiryNote" }));
        var expired = await BatchAsync("SH-EXPIRED");
        Assert.That(Text(expired.Data["quarantineCheck"]), Is.EqualTo("confirmed"));
        Assert.That(Text(expired.Data["expiryNote"]), Does.EndWith($"{Day(0)} wh-east 确认已实物隔离：已移入 B2 隔离区"));
        Assert.That((await _driver.InstanceAsync(shanghai.Id)).Status, Is.EqualTo(InstanceStatuses.Completed));
    }

    [Test]
    public async Task Quarantine_WaitingShipmentShipsNoneOfBatch()
    {
        var (order, _) = await _driver.SubmitShippingFromAsync(1);
        var shipment = (await _driver.ShipmentsAsync(order.Id))[0];
        var line = shipment.Form["lines"]!.AsArray()[0]!;
        var batchNo = Text(line["batchNo"]);
        var allocated = line["allocatedQuantity"]!.GetValue<decimal>();
        var batch = await BatchAsync(batchNo);
        await _driver.Environment.Stores.Records.UpdateAsync(
            "stock-batch", batch.Id, new JsonObject { ["expiryDate"] = Day(-1) }, null,
            new RecordWriteContext(Admin), CancellationToken.None);
        var before = (await _driver.StockAsync())[batchNo];

        await RunWatchAsync();

        var quarantined = await BatchAsync(batchNo);
        var orderNo = Text(order.Form["orderNo"]);
        Assert.That(before.Reserved, Is.GreaterThanOrEqualTo(allocated));
        Assert.That(Text(quarantined.Data["status"]), Is.EqualTo("quarantined"));
        Assert.That(quarantined.Data["reservedQuantity"]!.GetValue<decimal>(), Is.EqualTo(0m));
        Assert.That(Text(quarantined.Data["expiryNote"]), Does.Contain($"待发订单 {orderNo} 不再发此批次"));
        var salesRep = Text(order.Form["salesRep"]);
        var notices = await NoticesAsync(salesRep, "notifyOrders");
        Assert.That(notices, Has.Count.EqualTo(1));
        Assert.That(notices[0], Does.Contain($"Order {orderNo}: batch {batchNo}"));

        await _driver.ShipAsync(shipment, _ => null, "SF-EXPIRY-1");

        var after = (await _driver.StockAsync())[batchNo];
        Assert.That(after.Quantity, Is.EqualTo(before.Quantity), "nothing of the quarantined batch left the warehouse");
        Assert.That(after.Reserved, Is.EqualTo(0m));
        var instruction = (await _driver.RecordsAsync("shipping-instruction", orderNo))
            .Single(row => Text(row["warehouse"]) == Text(shipment.Form["warehouse"]));
        var shippedLine = instruction["lines"]!.AsArray().First(row => Text(row!["batchNo"]) == batchNo)!;
        Assert.That(shippedLine["shippedQuantity"]?.GetValue<decimal>() ?? 0m, Is.EqualTo(0m));
        Assert.That(Text(instruction["note"]), Does.Contain($"批号 {batchNo} 已隔离或不可用，未发"));
        var others = (await _driver.ShipmentsAsync(order.Id)).Skip(1);
        foreach (var other in others)
        {
            await _driver.ShipAsync(other, _ => null, "SF-EXPIRY-2");
        }

        var record = await _driver.OrderRecordAsync(await _driver.InstanceAsync(order.Id));
        Assert.That(Text(record["status"]), Is.AnyOf("partiallyShipped", "cancelled"));
        Assert.That(Text(record["shipmentSummary"]), Does.Contain($"批号 {batchNo} 已隔离或不可用"));
    }

    /// <summary>
    /// Replaces the sample stock and customers with three customers (minimum shelf life 30 and 60 days, and a blocked
    /// one with 10) and four batches: expired in Shanghai and Guangzhou, expiring tomorrow in Shanghai and in 40 days in
    /// Beijing. With <paramref name="onlyFarBatches"/> the only batch is one far from expiry.
    /// </summary>
    private async Task CraftAsync(bool onlyFarBatches = false)
    {
        var records = _driver.Environment.Stores.Records;
        foreach (var form in new[] { "stock-batch", "customer" })
        {
            var page = await records.QueryAsync(new RecordQuery(form) { Limit = 10_000 }, null, CancellationToken.None);
            foreach (var entry in page.Items)
            {
                await records.SoftDeleteAsync(form, entry.Id, new RecordWriteContext(Admin), CancellationToken.None);
            }
        }

        await AddCustomerAsync("C9001", "三十天诊所", 30, "normal");
        await AddCustomerAsync("C9002", "六十天医院", 60, "normal");
        await AddCustomerAsync("C9003", "冻结客户", 10, "blocked");
        if (onlyFarBatches)
        {
            await AddBatchAsync("SH-FAR", "sh", 300, 0);
            return;
        }

        await AddBatchAsync("SH-EXPIRED", "sh", -3, 5);
        await AddBatchAsync("SH-TOMORROW", "sh", 1, 4);
        await AddBatchAsync("GZ-EXPIRED", "gz", -1, 0);
        await AddBatchAsync("BJ-40", "bj", 40, 0);
    }

    private Task AddCustomerAsync(string code, string name, int minShelfLifeDays, string creditStatus) =>
        _driver.Environment.Stores.Records.CreateAsync("customer", new JsonObject
        {
            ["code"] = code,
            ["name"] = name,
            ["customerType"] = "clinic",
            ["region"] = "east",
            ["salesOwner"] = "sales-east-1",
            ["creditLimit"] = 100000m,
            ["creditStatus"] = creditStatus,
            ["paymentTermDays"] = 90,
            ["minShelfLifeDays"] = minShelfLifeDays,
        }, new RecordWriteContext(Admin), CancellationToken.None);

    private Task AddBatchAsync(string batchNo, string warehouse, int daysLeft, int reserved) =>
        _driver.Environment.Stores.Records.CreateAsync("stock-batch", new JsonObject
        {
            ["batchNo"] = batchNo,
            ["product"] = "IVD-0001",
            ["productName"] = "测试试剂盒",
            ["warehouse"] = warehouse,
            ["quantity"] = 40,
            ["reservedQuantity"] = reserved,
            ["expiryDate"] = Day(daysLeft),
            ["status"] = "available",
            ["expiryAlert"] = "none",
        }, new RecordWriteContext(Admin), CancellationToken.None);

    private async Task<WorkflowInstance> RunWatchAsync()
    {
        var started = await _driver.Engine.RunScheduleNowAsync(Watch, Admin, CancellationToken.None);
        return await _driver.InstanceAsync(started.Id);
    }

    /// <summary>The review sub-flows that the watch started, by warehouse.</summary>
    private async Task<List<WorkflowInstance>> ReviewsAsync()
    {
        var found = await _driver.Engine.QueryInstancesAsync(
            new InstanceQuery { FlowKey = Review, Limit = 100 }, CancellationToken.None);
        var reviews = new List<WorkflowInstance>();
        foreach (var review in found)
        {
            reviews.Add(await _driver.InstanceAsync(review.Id));
        }

        return [.. reviews.OrderBy(review => Text(review.Form["warehouse"]), StringComparer.Ordinal)];
    }

    private async Task<string[]> TaskNodesAsync(WorkflowInstance review) =>
        [.. (await _driver.OpenTasksAsync(review.Id))
            .Select(task => $"{task.NodeId}:{task.Assignee}")
            .Order(StringComparer.Ordinal)];

    private async Task<List<string>> OpenReviewTasksAsync()
    {
        var tasks = new List<string>();
        foreach (var review in await ReviewsAsync())
        {
            tasks.AddRange((await _driver.OpenTasksAsync(review.Id)).Select(task => task.Id));
        }

        return [.. tasks.Order(StringComparer.Ordinal)];
    }

    private async Task<WorkTask> TaskAsync(WorkflowInstance review, string nodeId) =>
        (await _driver.OpenTasksAsync(review.Id)).Single(task => task.NodeId == nodeId);

    private async Task SubmitAsync(WorkflowInstance review, string nodeId, JsonObject changes)
    {
        var task = await TaskAsync(review, nodeId);
        await _driver.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Submit, task.Assignee) { FormChanges = changes },
            CancellationToken.None);
    }

    private static JsonObject Decisions(WorkflowInstance review, string? decision, string? comment)
    {
        var rows = new JsonArray();
        foreach (var row in review.Form["decisions"]!.AsArray().OfType<JsonObject>())
        {
            var copy = (JsonObject)row.DeepClone();
            copy["decision"] = decision;
            copy["comment"] = comment;
            rows.Add(copy);
        }

        return new JsonObject { ["decisions"] = rows };
    }

    private async Task<RecordEntry> BatchAsync(string batchNo)
    {
        var page = await _driver.Environment.Stores.Records.QueryAsync(
            new RecordQuery("stock-batch") { Limit = 10_000 }, null, CancellationToken.None);
        return page.Items.Single(entry => Text(entry.Data["batchNo"]) == batchNo);
    }

    private async Task<List<string>> NoticesAsync(string userId, string nodeId) =>
        [.. (await _driver.Engine.GetNotificationsAsync(userId, false, CancellationToken.None))
            .Where(notice => notice.NodeId == nodeId)
            .Select(notice => notice.Message!.Get("zh-CN") + "\n" + notice.Message!.Get("en"))];

    private string Day(int daysFromToday) =>
        _driver.Today.AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(JsonNode? node) => OrderFlowDriver.Text(node);
}
