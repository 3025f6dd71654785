using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Samples.Scenarios;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>
/// Withdraws orders of the biopharma order-to-shipment template on the committed sample data, on SQLite and on
/// PostgreSQL: an order withdrawn after its reservation gives the stock back and cancels its shipping instruction,
/// and one withdrawn before it releases nothing.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class OrderWithdrawalTests(string provider)
{
    private const string Flow = "order-to-shipment";

    private ScenarioDatabase? _database;
    private SampleEnvironment _environment = null!;
    private IReadOnlyList<JsonObject> _orders = null!;
    private Dictionary<string, JsonObject> _customers = null!;
    private DateOnly _today;

    [OneTimeSetUp]
    public async Task LoadSamples()
    {
        _database = await ScenarioDatabase.CreateAsync(provider);
        var data = TestPaths.CommittedSampleData;
        var index = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(data, SampleFiles.Index)))!;
        _today = DateOnly.ParseExact(index["today"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var nineInShanghai = new DateTimeOffset(_today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        _environment = await SampleEnvironment.OpenAsync(
            _database.Db, new FakeTimeProvider(nineInShanghai), CancellationToken.None);
        var options = new SampleLoadOptions(Path.Combine(TestPaths.RepositoryRoot, "definitions", "templates"), data)
        {
            IncludeOrderHistory = false,
        };
        await SampleLoader.LoadAsync(_environment, options, CancellationToken.None);
        _orders = await DailyScenario.ReadOrdersAsync(data, CancellationToken.None);
        var customers = await _environment.Stores.Records.QueryAsync(
            new RecordQuery("customer") { Limit = 10_000 }, null, CancellationToken.None);
        _customers = customers.Items.ToDictionary(
            entry => entry.Data["code"]!.GetValue<string>(), entry => entry.Data, StringComparer.Ordinal);
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_environment is not null)
        {
            await _environment.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task Withdraw_after_reservation_releases_stock()
    {
        var (order, reservedBefore) = await SubmitUntilAsync("confirmShipment");
        var reservedWhileRunning = await ReservedAsync();
        var salesRep = order.Initiator;

        var withdrawn = await _environment.Engine.WithdrawAsync(
            order.Id, salesRep, "customer cancelled the order", CancellationToken.None);

        var detail = (await _environment.Engine.GetInstanceAsync(order.Id, CancellationToken.None))!.Instance;
        var batches = detail.Variables["allocatedBatchNos"]!.AsArray().Select(no => no!.GetValue<string>()).ToList();
        var instruction = await _environment.Stores.Records.GetAsync(
            "shipping-instruction", detail.Variables["shippingRecord"]!["recordId"]!.GetValue<long>(), null,
            CancellationToken.None);
        var record = await OrderRecordAsync(detail);
        Assert.That(batches, Is.Not.Empty);
        Assert.That(batches.Select(no => reservedWhileRunning[no]), Is.Not.EqualTo(batches.Select(no => reservedBefore[no])));
        Assert.That(await ReservedAsync(), Is.EqualTo(reservedBefore));
        Assert.That(instruction!.Data["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        Assert.That(instruction.Data["note"]!.GetValue<string>(), Is.EqualTo("customer cancelled the order"));
        Assert.That(record.Data["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        Assert.That(record.Data["cancelReason"]!.GetValue<string>(), Is.EqualTo("customer cancelled the order"));
        Assert.That((withdrawn.Status, withdrawn.EndNodeId), Is.EqualTo((InstanceStatuses.Withdrawn, "endCancelled")));
        Assert.That(await OpenTasksAsync(order.Id), Is.Empty);
    }

    [Test]
    public async Task Withdraw_before_reservation_releases_nothing()
    {
        var (order, reservedBefore) = await SubmitUntilAsync("adjustOrder");

        var withdrawn = await _environment.Engine.WithdrawAsync(order.Id, order.Initiator, null, CancellationToken.None);

        var detail = (await _environment.Engine.GetInstanceAsync(order.Id, CancellationToken.None))!.Instance;
        var record = await OrderRecordAsync(detail);
        var instructions = await _environment.Stores.Records.QueryAsync(
            new RecordQuery("shipping-instruction") { Limit = 10_000 }, null, CancellationToken.None);
        var orderNo = record.Data["orderNo"]!.GetValue<string>();
        Assert.That(await ReservedAsync(), Is.EqualTo(reservedBefore));
        Assert.That(instructions.Items.Where(item => item.Data["orderNo"]?.GetValue<string>() == orderNo), Is.Empty);
        Assert.That(record.Data["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        Assert.That((withdrawn.Status, withdrawn.EndNodeId),
            Is.EqualTo((InstanceStatuses.Withdrawn, "endNothingReserved")));
    }

    [Test]
    public async Task Withdrawal_notice_names_the_reason()
    {
        var (order, _) = await SubmitUntilAsync("confirmShipment");

        await _environment.Engine.WithdrawAsync(order.Id, order.Initiator, "医院取消采购计划", CancellationToken.None);

        var notice = await CancellationNoticeAsync(order);
        Assert.That(notice.Get("zh-CN"), Does.EndWith("原因：医院取消采购计划"));
        Assert.That(notice.Get("en"), Does.EndWith("Reason: 医院取消采购计划"));
    }

    [Test]
    public async Task Withdrawal_notice_without_comment_says_so()
    {
        var (order, _) = await SubmitUntilAsync("confirmShipment");

        await _environment.Engine.WithdrawAsync(order.Id, order.Initiator, null, CancellationToken.None);

        var notice = await CancellationNoticeAsync(order);
        Assert.That(notice.Get("zh-CN"), Does.EndWith("原因：发起人撤回订单，未填写原因"));
    }

    private async Task<Definitions.LocalizedText> CancellationNoticeAsync(WorkflowInstance order)
    {
        var notices = await _environment.Engine.GetNotificationsAsync(order.Initiator, false, CancellationToken.None);
        return notices.Single(notice => notice.InstanceId == order.Id && notice.NodeId == "notifyCancelled").Message!;
    }

    /// <summary>
    /// Submits sample orders one by one until one waits at <paramref name="nodeId"/>, and returns it with the reserved
    /// quantity of each stock batch just before it was submitted.
    /// </summary>
    private async Task<(WorkflowInstance Order, Dictionary<string, decimal> ReservedBefore)> SubmitUntilAsync(string nodeId)
    {
        foreach (var order in _orders)
        {
            var reservedBefore = await ReservedAsync();
            var started = await SubmitAsync(order);
            var open = await OpenTasksAsync(started.Id);
            if (open.Any(task => task.NodeId == nodeId))
            {
                return (started, reservedBefore);
            }
        }

        Assert.Fail($"None of the {_orders.Count} sample orders waits at '{nodeId}'; the sample data changed.");
        throw new InvalidOperationException("Assert.Fail returned.");
    }

    private Task<WorkflowInstance> SubmitAsync(JsonObject order)
    {
        var customer = _customers[order["customer"]!.GetValue<string>()];
        var salesRep = customer["salesOwner"]!.GetValue<string>();
        var data = new JsonObject
        {
            ["customer"] = order["customer"]!.DeepClone(),
            ["orderDate"] = _today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["requestedDeliveryDate"] = _today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["salesRep"] = salesRep,
            ["lines"] = order["lines"]!.DeepClone(),
        };
        return _environment.Engine.StartAsync(
            new StartInstanceRequest(Flow, salesRep) { TriggerKind = TriggerKinds.Form, Form = data },
            CancellationToken.None);
    }

    private async Task<IReadOnlyList<WorkTask>> OpenTasksAsync(string instanceId) =>
        await _environment.Engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId }, CancellationToken.None);

    private async Task<Dictionary<string, decimal>> ReservedAsync()
    {
        var page = await _environment.Stores.Records.QueryAsync(
            new RecordQuery("stock-batch") { Limit = 100_000 }, null, CancellationToken.None);
        return page.Items.ToDictionary(
            entry => entry.Data["batchNo"]!.GetValue<string>(),
            entry => entry.Data["reservedQuantity"]?.GetValue<decimal>() ?? 0m,
            StringComparer.Ordinal);
    }

    private async Task<RecordEntry> OrderRecordAsync(WorkflowInstance instance) =>
        (await _environment.Stores.Records.GetAsync(
            "order", instance.Variables["recordId"]!.GetValue<long>(), null, CancellationToken.None))!;
}
