using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>The runtime store's migration write, run against SQLite and PostgreSQL.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class RuntimeStoreMigrationTests(StorageProvider provider)
{
    private static readonly DateTimeOffset Now = RuntimeStoreFixture.Now;

    [Test]
    public async Task SaveMigration_writes_version_tasks_and_timers()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await SeedAsync(fixture);
        var task = (await fixture.Store.GetTasksAsync(null, "i1", openOnly: true, default)).Single();
        task.NodeId = "credit-check";
        task.FlowVersion = 2;

        await fixture.WriteAsync(tx => fixture.Store.SaveMigrationAsync(
            tx, new InstanceMigrationWrite("i1", 1, 2, [task], ["reminder"]), default));

        var instance = await fixture.Store.GetInstanceAsync(null, "i1", default);
        var stored = await fixture.Store.GetTaskAsync(null, task.Id, default);
        var timers = await fixture.Store.GetTimersAsync("i1", default);
        Assert.That((instance!.FlowVersion, instance.Version), Is.EqualTo((2, 1L)));
        Assert.That((stored!.NodeId, stored.FlowVersion, stored.Kind, stored.Assignee),
            Is.EqualTo(("credit-check", 2, "approval", "bob")));
        Assert.That(timers.OrderBy(timer => timer.Id).Select(timer => $"{timer.Id} {timer.Status}"),
            Is.EqualTo(new[] { "overdue pending", "reminder cancelled" }));
    }

    [Test]
    public async Task SaveMigration_stale_version_conflicts_and_writes_nothing()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await SeedAsync(fixture);
        var task = (await fixture.Store.GetTasksAsync(null, "i1", openOnly: true, default)).Single();
        task.NodeId = "credit-check";

        var conflict = Assert.ThrowsAsync<ConcurrencyConflictException>(() => fixture.WriteAsync(tx =>
            fixture.Store.SaveMigrationAsync(tx, new InstanceMigrationWrite("i1", 7, 2, [task], ["reminder"]), default)));

        Assert.That((conflict!.Subject, conflict.ExpectedVersion, conflict.ActualVersion),
            Is.EqualTo(("instance i1", (long?)7, (long?)1)));
        Assert.That(conflict.Message, Is.EqualTo(
            "Instance i1 changed before its migration was written (expected version 7, found 1); " +
            "plan the migration again."));
        var instance = await fixture.Store.GetInstanceAsync(null, "i1", default);
        var stored = await fixture.Store.GetTaskAsync(null, task.Id, default);
        var timers = await fixture.Store.GetTimersAsync("i1", default);
        Assert.That(instance!.FlowVersion, Is.EqualTo(1));
        Assert.That(stored!.NodeId, Is.EqualTo("review"));
        Assert.That(timers.Select(timer => timer.Status), Is.All.EqualTo(TimerStatuses.Pending));
    }

    private static async Task SeedAsync(RuntimeStoreFixture fixture)
    {
        var task = new TaskRecord
        {
            Id = "task-1",
            InstanceId = "i1",
            TokenId = "token-1",
            VisitId = "visit-1",
            NodeId = "review",
            FlowKey = "order-flow",
            FlowVersion = 1,
            Kind = "approval",
            Assignee = "bob",
            OriginalAssignee = "bob",
            Seq = 2,
            CreatedAt = Now,
            DueAt = Now.AddHours(8),
        };
        TimerRecord TaskTimer(string kind, DateTimeOffset dueAt)
        {
            var timer = RuntimeStoreFixture.Timer(kind, "i1", dueAt);
            timer.Kind = kind;
            timer.TaskId = task.Id;
            timer.TokenId = task.TokenId;
            return timer;
        }

        await fixture.WriteAsync(async tx =>
        {
            await fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default);
            await fixture.Store.SaveTasksAsync(tx, [task], default);
            await fixture.Store.InsertTimersAsync(
                tx, [TaskTimer(TimerKinds.Reminder, Now.AddHours(6)), TaskTimer(TimerKinds.Overdue, Now.AddHours(8))],
                default);
        });
    }
}
