using System.Text.Json.Nodes;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>
/// The approval levels of a credit limit change in the biopharma credit review, on the committed sample data, on SQLite
/// and on PostgreSQL. The route follows the limit as the sales manager left it: any raise goes to the credit officer,
/// and a raise above the flow's threshold (500,000 CNY or 50% of the approved limit) also to the head of finance.
/// That is the manager of the finance department, fin-1. Orders count against the approved limit until the last approval.
/// The initiator and the sales owner hear of the outcome, and a rejection records the review on the customer.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class CreditLimitApprovalTests(string provider)
{
    private const string Flow = "customer-credit-review";

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
    public async Task LargeRaise_needs_officer_and_director()
    {
        var customer = await CustomerAsync("C0001");
        var oldLimit = Money(customer.Data["approvedLimit"]);
        var review = await RequestReviewAsync(customer, "sales-east-1");

        await ActAsync(review.Id, "salesManagerReview", TaskActions.Approve, "客户扩大采购，提额",
            new JsonObject { ["creditLimit"] = 99_000_000m });

        var officerTasks = await _driver.OpenTasksAsync(review.Id);
        var orderDuringReview = await SubmitOrderAsync("C0001");
        Assert.That(officerTasks.Select(task => (task.NodeId, task.Assignee)),
            Is.EqualTo(new[] { ("creditOfficerReview", "credit-east") }));
        Assert.That(Money((await CustomerAsync("C0001")).Data["approvedLimit"]), Is.EqualTo(oldLimit));
        Assert.That(Money(orderDuringReview.Variables["credit"]!["creditLimit"]), Is.EqualTo(oldLimit),
            "an order placed during the review counts against the approved limit");

        await ActAsync(review.Id, "creditOfficerReview", TaskActions.Approve, "回款正常");
        var directorTasks = await _driver.OpenTasksAsync(review.Id);
        Assert.That(directorTasks.Select(task => (task.NodeId, task.Assignee)),
            Is.EqualTo(new[] { ("directorReview", "fin-1") }));
        Assert.That(Money((await CustomerAsync("C0001")).Data["approvedLimit"]), Is.EqualTo(oldLimit));

        await ActAsync(review.Id, "directorReview", TaskActions.Approve, "同意提额");

        var done = await _driver.InstanceAsync(review.Id);
        var record = (await CustomerAsync("C0001")).Data;
        var orderAfter = await SubmitOrderAsync("C0001");
        Assert.That((done.Status, done.EndNodeId), Is.EqualTo((InstanceStatuses.Completed, "endReviewed")));
        Assert.That(Money(record["approvedLimit"]), Is.EqualTo(99_000_000m));
        Assert.That(Money(record["creditLimit"]), Is.EqualTo(99_000_000m));
        Assert.That(OrderFlowDriver.Text(record["lastReviewOutcome"]), Is.EqualTo("approved"));
        Assert.That(Money(orderAfter.Variables["credit"]!["creditLimit"]), Is.EqualTo(99_000_000m));

        var notices = await OutcomeNoticesAsync("sales-east-1", review.Id, "notifyApproved");
        Assert.That(notices, Has.Count.EqualTo(1), "the initiator is also the sales owner and hears once");
        Assert.That(notices[0].Message!.Get("zh-CN"), Does.StartWith("信用审核通过：客户 无锡市第一人民医院（C0001）"));
        Assert.That(notices[0].Message!.Get("zh-CN"), Does.Contain("由 1570000 元调整为 99000000 元"));
        Assert.That(notices[0].Message!.Get("zh-CN"), Does.EndWith("意见：同意提额"));
        Assert.That(notices[0].Message!.Get("en"), Does.Contain("from 1570000 to 99000000 CNY"));
        Assert.That(notices[0].Message!.Get("en"), Does.EndWith("Comment: 同意提额"));
    }

    [Test]
    public async Task SmallRaise_needs_only_officer()
    {
        var customer = await CustomerAsync("C0002");
        var newLimit = Money(customer.Data["approvedLimit"]) + 100_000m;
        var review = await RequestReviewAsync(customer, "sales-east-1");

        await ActAsync(review.Id, "salesManagerReview", TaskActions.Approve, "小幅提额",
            new JsonObject { ["creditLimit"] = newLimit });
        var afterManager = await _driver.OpenTasksAsync(review.Id);
        await ActAsync(review.Id, "creditOfficerReview", TaskActions.Approve, "同意");

        var done = await _driver.InstanceAsync(review.Id);
        var history = await _driver.Engine.GetHistoryAsync(review.Id, CancellationToken.None);
        Assert.That(afterManager.Select(task => task.NodeId), Is.EqualTo(new[] { "creditOfficerReview" }));
        Assert.That((done.Status, done.EndNodeId), Is.EqualTo((InstanceStatuses.Completed, "endReviewed")));
        Assert.That(history.Where(entry => entry.NodeId == "directorReview"), Is.Empty);
        Assert.That(Money((await CustomerAsync("C0002")).Data["approvedLimit"]), Is.EqualTo(newLimit));
    }

    /// <summary>
    /// The sales owner types a higher limit into the customer record, which starts a review. The sales manager
    /// rejects it: the record gets its approved limit back, the review date and the outcome, and the owner a notice.
    /// </summary>
    [Test]
    public async Task Rejection_records_review_and_notifies()
    {
        var customer = await CustomerAsync("C0003");
        var approved = Money(customer.Data["approvedLimit"]);
        var owner = customer.Data["salesOwner"]!.GetValue<string>();
        var review = await ChangeLimitAsync(customer, owner, approved * 2);

        await ActAsync(review.Id, "salesManagerReview", TaskActions.Reject, "回款记录不全，驳回");

        var done = await _driver.InstanceAsync(review.Id);
        var record = (await CustomerAsync("C0003")).Data;
        Assert.That((done.Status, done.EndNodeId), Is.EqualTo((InstanceStatuses.Completed, "endRejected")));
        Assert.That(Money(record["creditLimit"]), Is.EqualTo(approved));
        Assert.That(Money(record["approvedLimit"]), Is.EqualTo(approved));
        Assert.That(OrderFlowDriver.Text(record["lastReviewOutcome"]), Is.EqualTo("rejected"));
        Assert.That(OrderFlowDriver.Text(record["lastReviewedOn"]), Is.EqualTo(OrderFlowDriver.Text(done.Variables["today"])));
        Assert.That(OrderFlowDriver.Text(record["lastReviewedOn"]),
            Is.Not.EqualTo(OrderFlowDriver.Text(customer.Data["lastReviewedOn"])));

        var notices = await OutcomeNoticesAsync(owner, review.Id, "notifyRejected");
        Assert.That(notices, Has.Count.EqualTo(1));
        Assert.That(notices[0].Message!.Get("zh-CN"), Does.Contain($"额度保持 {approved:0} 元"));
        Assert.That(notices[0].Message!.Get("zh-CN"), Does.EndWith("原因：回款记录不全，驳回"));
        Assert.That(notices[0].Message!.Get("en"), Does.EndWith("Reason: 回款记录不全，驳回"));
    }

    [Test]
    public async Task Review_task_shows_profile()
    {
        var customer = await CustomerAsync("C0004");
        var review = await RequestReviewAsync(customer, customer.Data["salesOwner"]!.GetValue<string>());

        var started = await _driver.InstanceAsync(review.Id);
        var profile = started.Variables["profile"]!;
        Assert.That(Money(started.Form["profileExposure"]), Is.EqualTo(Money(profile["exposure"])));
        Assert.That(Money(started.Form["profileOverdueCount"]), Is.EqualTo(Money(profile["overdueCount"])));
        Assert.That(Money(started.Form["profileOverdueAmount"]), Is.EqualTo(Money(profile["overdueAmount"])));
        Assert.That(Money(started.Form["profileUtilisation"]), Is.EqualTo(Money(profile["utilisation"])));
        Assert.That(OrderFlowDriver.Text(started.Form["profileRiskLevel"]),
            Is.EqualTo(OrderFlowDriver.Text(profile["riskLevel"])));
    }

    private static decimal Money(JsonNode? node) => node!.GetValue<decimal>();

    private async Task<RecordEntry> CustomerAsync(string code)
    {
        var found = await _driver.Environment.Stores.Records.QueryAsync(
            new RecordQuery("customer") { Limit = 10_000 }, null, CancellationToken.None);
        return found.Items.Single(entry => entry.Data["code"]!.GetValue<string>() == code);
    }

    private Task<WorkflowInstance> RequestReviewAsync(RecordEntry customer, string userId) =>
        UpdateAndFindReviewAsync(customer, userId, new JsonObject { ["reviewRequestedOn"] = "2025-03-03" });

    private Task<WorkflowInstance> ChangeLimitAsync(RecordEntry customer, string userId, decimal limit) =>
        UpdateAndFindReviewAsync(customer, userId, new JsonObject { ["creditLimit"] = limit });

    /// <summary>Writes <paramref name="changes"/> to the customer, runs the record trigger and returns the new review.</summary>
    private async Task<WorkflowInstance> UpdateAndFindReviewAsync(RecordEntry customer, string userId, JsonObject changes)
    {
        var reviews = new InstanceQuery { FlowKey = Flow, Limit = 10_000 };
        var before = (await _driver.Engine.QueryInstancesAsync(reviews, CancellationToken.None))
            .Select(instance => instance.Id)
            .ToHashSet(StringComparer.Ordinal);
        await _driver.Engine.Records.UpdateAsync(
            "customer", customer.Id, changes, null, new RecordWriteContext(userId), CancellationToken.None);
        await _driver.Engine.RunDueWorkAsync(CancellationToken.None);

        var after = await _driver.Engine.QueryInstancesAsync(reviews, CancellationToken.None);
        return after.Single(instance => !before.Contains(instance.Id));
    }

    private async Task ActAsync(
        string instanceId, string nodeId, string action, string comment, JsonObject? changes = null)
    {
        var task = (await _driver.OpenTasksAsync(instanceId)).Single(open => open.NodeId == nodeId);
        await _driver.Engine.ActAsync(
            new TaskActionRequest(task.Id, action, task.Assignee) { Comment = comment, FormChanges = changes },
            CancellationToken.None);
    }

    private async Task<WorkflowInstance> SubmitOrderAsync(string customerCode)
    {
        var order = _driver.Orders.First(order => order["customer"]!.GetValue<string>() == customerCode);
        var started = await _driver.SubmitAsync(order);
        return await _driver.InstanceAsync(started.Id);
    }

    private async Task<List<Notification>> OutcomeNoticesAsync(string userId, string instanceId, string nodeId) =>
        (await _driver.Engine.GetNotificationsAsync(userId, unreadOnly: false, CancellationToken.None))
            .Where(notice => notice.InstanceId == instanceId && notice.NodeId == nodeId)
            .ToList();
}
