using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>
/// The trail and the notices of the biopharma order flow, on SQLite and on PostgreSQL. A process owner has routed the
/// credit approval's rejection to <c>markCancelled</c>, as the designer's "connect to" does, so the approver's comment
/// reaches the order's <c>cancelReason</c> and the salesperson's notice. A shipped order's trail names the receivable
/// it created and the warehouse user whose confirmation ran that step.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class OrderTrailNoticeTests(string provider)
{
    private const string Comment = "账期过长，财务不同意";

    private OrderFlowDriver _driver = null!;

    [OneTimeSetUp]
    public async Task LoadSamples()
    {
        _driver = await OrderFlowDriver.LoadAsync(provider);
        await PublishWithRejectionEdgeAsync();
    }

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_driver is not null)
        {
            await _driver.DisposeAsync();
        }
    }

    [Test]
    public async Task Rejection_comment_reaches_notice()
    {
        var (order, _) = await _driver.SubmitUntilTaskAsync("creditApproval");
        var task = (await _driver.OpenTasksAsync(order.Id)).Single(open => open.NodeId == "creditApproval");

        await _driver.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Reject, task.Assignee) { Comment = Comment },
            CancellationToken.None);

        var orderNo = OrderFlowDriver.Text(order.Form["orderNo"]);
        var record = await _driver.OrderRecordAsync(order);
        var notices = (await _driver.Engine.GetNotificationsAsync(order.Initiator, false, CancellationToken.None))
            .Where(notice => notice.InstanceId == order.Id && notice.NodeId!.StartsWith("notifyCancelled", StringComparison.Ordinal))
            .ToList();
        var customerName = OrderFlowDriver.Text(record["customerName"]);
        Assert.That((await _driver.InstanceAsync(order.Id)).EndNodeId, Is.EqualTo("endCancelled"));
        Assert.That(OrderFlowDriver.Text(record["status"]), Is.EqualTo("cancelled"));
        Assert.That(OrderFlowDriver.Text(record["cancelReason"]), Is.EqualTo("审批驳回：" + Comment));
        Assert.That(notices.Select(notice => notice.NodeId), Is.EqualTo(new[] { "notifyCancelledUnreserved" }));
        Assert.That(notices[0].Message!.Get("zh-CN"), Is.EqualTo(
            $"订单 {orderNo}（{customerName}）已取消，未预留库存。原因：审批驳回：{Comment}"));
        Assert.That(notices[0].Message!.Get("en"), Is.EqualTo(
            $"Order {orderNo} ({customerName}) was cancelled before any stock was reserved. Reason: 审批驳回：{Comment}"));
    }

    [Test]
    public async Task Receivable_line_names_record()
    {
        var (order, _) = await _driver.SubmitShippingFromAsync(1);
        var shipments = await _driver.ShipmentsAsync(order.Id);

        // The last confirmation ends the last shipment, and that step runs the order's settlement and its receivable.
        var clerk = string.Empty;
        foreach (var shipment in shipments)
        {
            clerk = (await _driver.OpenTasksAsync(shipment.Id)).Single().Assignee;
            await _driver.ShipAsync(shipment, _ => null, "SF7001");
        }

        var shipped = await _driver.InstanceAsync(order.Id);
        var receivableId = shipped.Variables["receivableRecord"]!["recordId"]!.GetValue<long>();
        var lines = (await _driver.Engine.GetHistoryAsync(order.Id, CancellationToken.None))
            .Where(entry => entry.Action == AuditActions.RecordCreated)
            .ToList();
        Assert.That(lines, Has.Count.EqualTo(1));
        Assert.That((lines[0].Actor, lines[0].NodeId), Is.EqualTo(("system", "createReceivable")));
        Assert.That(lines[0].Details!["form"]!.GetValue<string>(), Is.EqualTo("receivable"));
        Assert.That(lines[0].Details!["recordId"]!.GetValue<long>(), Is.EqualTo(receivableId));
        Assert.That(lines[0].Details!["onBehalfOf"]!.GetValue<string>(), Is.EqualTo(clerk));
    }

    /// <summary>
    /// Publishes the next version of the order flow with a rejection branch from the credit approval to
    /// <c>markCancelled</c>. Approving keeps the old edge, now the default.
    /// </summary>
    private async Task PublishWithRejectionEdgeAsync()
    {
        const string flowKey = OrderFlowDriver.OrderFlow;
        var definitions = _driver.Environment.Stores.Definitions;
        var current = await definitions.GetVersionAsync(DefinitionKinds.Flow, flowKey, null, CancellationToken.None);
        var flow = DefinitionJson.Deserialize<FlowDefinition>(current!.Json);
        flow.Edges.Single(edge => edge.Id == "e-approved").IsDefault = true;
        flow.Edges.Add(new EdgeDefinition
        {
            Id = "e-credit-rejected",
            From = "creditApproval",
            To = "markCancelled",
            Priority = 1,
            Condition = Condition.AllOf(new Rule
            {
                Field = "nodes.creditApproval.outcome", Operator = "eq", Value = System.Text.Json.Nodes.JsonValue.Create("rejected"),
            }),
        });

        var draft = await definitions.GetDraftAsync(DefinitionKinds.Flow, flowKey, CancellationToken.None);
        await definitions.SaveDraftAsync(
            DefinitionKinds.Flow, flowKey, DefinitionJson.Serialize(flow), draft?.Revision, "owner", CancellationToken.None);
        await definitions.PublishAsync(DefinitionKinds.Flow, flowKey, "owner", CancellationToken.None);
    }
}
