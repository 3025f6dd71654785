using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Samples.Scenarios;

namespace WorkflowKit.Samples.Tests.Scenarios;

/// <summary>
/// Migrates running reviews of the biopharma customer credit review to a version 2 that adds a finance review after
/// the credit officer's review, on the committed sample data, on SQLite and on PostgreSQL. One review of a customer
/// within its limit waits for the sales manager. A review above the limit has the officer's task open after the
/// manager's approval. Both move and then complete on version 2. Also: a rejected review notifies the sales owner
/// who started it.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
[NonParallelizable]
public sealed class CreditReviewMigrationTests(string provider)
{
    private const string Flow = "customer-credit-review";
    private const string FinanceReview = "financeReview";

    private ScenarioDatabase? _database;
    private SampleEnvironment _environment = null!;

    [OneTimeSetUp]
    public async Task LoadSamples()
    {
        _database = await ScenarioDatabase.CreateAsync(provider);
        var data = TestPaths.CommittedSampleData;
        var index = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(data, SampleFiles.Index)))!;
        var today = DateOnly.ParseExact(index["today"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var nineInShanghai = new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        _environment = await SampleEnvironment.OpenAsync(
            _database.Db, new FakeTimeProvider(nineInShanghai), CancellationToken.None);
        var options = new SampleLoadOptions(Path.Combine(TestPaths.RepositoryRoot, "definitions", "templates"), data)
        {
            IncludeOrderHistory = false,
        };
        await SampleLoader.LoadAsync(_environment, options, CancellationToken.None);
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
    public async Task AddedFinanceReview_ReviewsMigrateAndComplete()
    {
        var (skipped, aboveLimit) = await StartReviewsAsync();
        var version = await PublishWithFinanceReviewAsync();
        var engine = _environment.Engine;

        var skippedPlan = await engine.PlanMigrationAsync(skipped, version, null, CancellationToken.None);
        var aboveLimitPlan = await engine.PlanMigrationAsync(aboveLimit, version, null, CancellationToken.None);
        await engine.MigrateInstanceAsync(skippedPlan, "admin", CancellationToken.None);
        await engine.MigrateInstanceAsync(aboveLimitPlan, "admin", CancellationToken.None);

        Assert.That(skippedPlan.Problems, Is.Empty, string.Join(" ", skippedPlan.Problems.Select(p => p.Message)));
        Assert.That(aboveLimitPlan.Problems, Is.Empty, string.Join(" ", aboveLimitPlan.Problems.Select(p => p.Message)));

        await ApproveAsync(skipped, "salesManagerReview");
        await ApproveAsync(aboveLimit, "creditOfficerReview");
        var waitingForFinance = await InstanceAsync(aboveLimit);
        Assert.That(waitingForFinance.Status, Is.EqualTo(InstanceStatuses.Running));
        await ApproveAsync(aboveLimit, FinanceReview);

        var done = await InstanceAsync(skipped);
        var doneAboveLimit = await InstanceAsync(aboveLimit);
        Assert.That((done.Status, done.EndNodeId, done.FlowVersion),
            Is.EqualTo((InstanceStatuses.Completed, "endReviewed", version)));
        Assert.That((doneAboveLimit.Status, doneAboveLimit.EndNodeId, doneAboveLimit.FlowVersion),
            Is.EqualTo((InstanceStatuses.Completed, "endReviewed", version)));
        var skippedHistory = await engine.GetHistoryAsync(skipped, CancellationToken.None);
        Assert.That(skippedHistory.Where(entry => entry.NodeId == FinanceReview), Is.Empty,
            "a customer within its limit, with the limit unchanged, needs no credit officer and no finance review");
    }

    /// <summary>
    /// The north sales manager rejects the review of a north customer. The customer's sales owner, who started the
    /// review by changing the customer, gets the engine's notice naming the manager, the step and the comment, and
    /// the flow's own notice of the outcome. The review ends at its rejection end, not as a rejected instance.
    /// </summary>
    [Test]
    public async Task ManagerRejection_NotifiesSalesOwner()
    {
        var customers = await _environment.Stores.Records.QueryAsync(
            new RecordQuery("customer") { Limit = 10_000 }, null, CancellationToken.None);
        var customer = customers.Items
            .Where(entry => entry.Data["salesOwner"]?.GetValue<string>() == "sales-north-1")
            .OrderBy(entry => entry.Data["code"]!.GetValue<string>())
            .First();
        var started = await RequestReviewAsync(customer, "sales-north-1");
        var open = await _environment.Engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, CancellationToken.None);
        var review = open.Single(task => task.NodeId == "salesManagerReview");

        await _environment.Engine.ActAsync(
            new TaskActionRequest(review.Id, TaskActions.Reject, review.Assignee) { Comment = "回款记录不全，驳回" },
            CancellationToken.None);

        var notes = (await _environment.Engine.GetNotificationsAsync("sales-north-1", unreadOnly: false, CancellationToken.None))
            .Where(note => note.InstanceId == started.Id && note.Kind == NotificationKinds.Rejected)
            .ToList();
        Assert.That(review.Assignee, Is.EqualTo("salesmgr-north"));
        var ended = await InstanceAsync(started.Id);
        Assert.That((ended.Status, ended.EndNodeId), Is.EqualTo((InstanceStatuses.Completed, "endRejected")));
        Assert.That(notes, Has.Count.EqualTo(1));
        Assert.That(notes[0].Message?.Get("zh-CN"), Does.StartWith("宋嘉怡 在“销售经理审核”驳回了此申请"));
        Assert.That(notes[0].Message?.Get("zh-CN"), Does.EndWith("原因：回款记录不全，驳回"));
    }

    /// <summary>
    /// Starts a review of <paramref name="customer"/> through the flow's record trigger: <paramref name="userId"/> sets
    /// the customer's review request date, and the engine's round delivers the trigger. Returns the new instance.
    /// </summary>
    private async Task<WorkflowInstance> RequestReviewAsync(RecordEntry customer, string userId)
    {
        var reviews = new InstanceQuery { FlowKey = Flow, Limit = 10_000 };
        var before = (await _environment.Engine.QueryInstancesAsync(reviews, CancellationToken.None))
            .Select(instance => instance.Id)
            .ToHashSet(StringComparer.Ordinal);
        await _environment.Engine.Records.UpdateAsync(
            "customer", customer.Id, new JsonObject { ["reviewRequestedOn"] = "2025-03-03" }, null,
            new RecordWriteContext(userId), CancellationToken.None);
        await _environment.Engine.RunDueWorkAsync(CancellationToken.None);

        var after = await _environment.Engine.QueryInstancesAsync(reviews, CancellationToken.None);
        return after.Single(instance => !before.Contains(instance.Id));
    }

    /// <summary>
    /// Starts reviews of sample customers through the record trigger, until one of a customer within its limit waits
    /// for the sales manager and one of a customer above its limit has the officer's task open after the manager
    /// approved. Returns their instance ids.
    /// </summary>
    private async Task<(string Skipped, string AboveLimit)> StartReviewsAsync()
    {
        var customers = await _environment.Stores.Records.QueryAsync(
            new RecordQuery("customer") { Limit = 10_000 }, null, CancellationToken.None);
        string? skipped = null;
        string? aboveLimit = null;
        foreach (var customer in customers.Items.OrderBy(entry => entry.Data["code"]!.GetValue<string>()))
        {
            var started = await RequestReviewAsync(customer, customer.Data["salesOwner"]!.GetValue<string>());
            var exceedsLimit = (await InstanceAsync(started.Id)).Variables["exceedsLimit"]!.GetValue<bool>();
            if (exceedsLimit && aboveLimit is null)
            {
                await ApproveAsync(started.Id, "salesManagerReview");
                aboveLimit = started.Id;
            }
            else if (!exceedsLimit)
            {
                skipped ??= started.Id;
            }

            if (skipped is not null && aboveLimit is not null)
            {
                return (skipped, aboveLimit);
            }
        }

        Assert.Fail($"The {customers.Items.Count} sample customers gave no review of each kind; the sample data changed.");
        throw new InvalidOperationException("Assert.Fail returned.");
    }

    /// <summary>
    /// Publishes the next version of the credit review with "财务复核" inserted after the credit officer's review the
    /// way the designer inserts a node: the new node takes over the officer's approval edge.
    /// </summary>
    private async Task<int> PublishWithFinanceReviewAsync()
    {
        var definitions = _environment.Stores.Definitions;
        var current = await definitions.GetVersionAsync(DefinitionKinds.Flow, Flow, null, CancellationToken.None);
        var flow = DefinitionJson.Deserialize<FlowDefinition>(current!.Json);
        var officer = flow.Nodes.Single(node => node.Id == "creditOfficerReview");
        flow.Nodes.Add(new NodeDefinition
        {
            Id = FinanceReview,
            Type = NodeTypes.Approval,
            Name = new WorkflowKit.Definitions.LocalizedText("财务复核", "Finance review"),
            Assignees = officer.Assignees,
            ApprovalMode = ApprovalModes.Single,
            Actions = ["approve", "reject"],
        });
        flow.Edges.Single(edge => edge.Id == "e-officer-approved").From = FinanceReview;
        flow.Edges.Add(new EdgeDefinition
        {
            Id = "e-officer-finance", From = officer.Id, To = FinanceReview, IsDefault = true,
        });

        var draft = await definitions.GetDraftAsync(DefinitionKinds.Flow, Flow, CancellationToken.None);
        await definitions.SaveDraftAsync(
            DefinitionKinds.Flow, Flow, DefinitionJson.Serialize(flow), draft?.Revision, "owner", CancellationToken.None);
        var published = await definitions.PublishAsync(DefinitionKinds.Flow, Flow, "owner", CancellationToken.None);
        Assert.That(published.Version, Is.EqualTo(current.Version + 1));
        return published.Version;
    }

    private async Task ApproveAsync(string instanceId, string nodeId)
    {
        var open = await _environment.Engine.QueryTasksAsync(new TaskQuery { InstanceId = instanceId }, CancellationToken.None);
        var task = open.Single(task => task.NodeId == nodeId);
        await _environment.Engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Approve, task.Assignee), CancellationToken.None);
    }

    private async Task<WorkflowInstance> InstanceAsync(string instanceId) =>
        (await _environment.Engine.GetInstanceAsync(instanceId, CancellationToken.None))!.Instance;
}
