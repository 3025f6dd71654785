using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>The runtime store contract, run against SQLite and PostgreSQL.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class RuntimeStoreContractTests(StorageProvider provider)
{
    private static readonly DateTimeOffset Now = RuntimeStoreFixture.Now;

    [Test]
    public async Task Instance_round_trips_with_times_and_json()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        var instance = RuntimeStoreFixture.Instance("i1");
        instance.IdempotencyKey = "order-42";
        instance.Acted = true;
        instance.EndedAt = Now.AddMinutes(5);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, instance, default));

        var loaded = await fixture.Store.FindInstanceByIdempotencyKeyAsync(null, "order-42", default);

        Assert.That(loaded, Is.Not.Null);
        Assert.That((loaded!.Id, loaded.Acted, loaded.StartedAt, loaded.EndedAt, loaded.Form.ToJsonString()),
            Is.EqualTo(("i1", true, Now, (DateTimeOffset?)Now.AddMinutes(5), """{"amount":"12.50"}""")));
    }

    [Test]
    public async Task Stale_instance_update_conflicts()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        var instance = RuntimeStoreFixture.Instance("i1");
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, instance, default));
        await fixture.WriteAsync(tx => fixture.Store.UpdateInstanceAsync(tx, instance, 1, default));

        var conflict = Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            fixture.WriteAsync(tx => fixture.Store.UpdateInstanceAsync(tx, instance, 1, default)));

        Assert.That((conflict!.Subject, conflict.ExpectedVersion, conflict.ActualVersion),
            Is.EqualTo(("instance i1", (long?)1, (long?)2)));
    }

    [Test]
    public async Task Lock_returns_version_or_null()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        var instance = RuntimeStoreFixture.Instance("i1");
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, instance, default));
        await fixture.WriteAsync(tx => fixture.Store.UpdateInstanceAsync(tx, instance, 1, default));
        long? found = null;
        long? missing = 0;

        await fixture.WriteAsync(async tx =>
        {
            found = await fixture.Store.LockInstanceAsync(tx, "i1", default);
            missing = await fixture.Store.LockInstanceAsync(tx, "no-such-instance", default);
        });

        Assert.That(found, Is.EqualTo(2));
        Assert.That(missing, Is.Null);
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Lock_holds_second_writer_until_transaction_ends(bool commit)
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        var instance = RuntimeStoreFixture.Instance("i1");
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, instance, default));
        var first = await fixture.Test.Database.BeginTransactionAsync(default);
        long? firstVersion;
        Task<long?> second;
        try
        {
            firstVersion = await fixture.Store.LockInstanceAsync(first, "i1", default);

            // SQLite holds the second writer at the start of its transaction, PostgreSQL at its SELECT ... FOR UPDATE.
            second = Task.Run(async () =>
            {
                long? seen = null;
                await fixture.WriteAsync(async tx => seen = await fixture.Store.LockInstanceAsync(tx, "i1", default));
                return seen;
            });
            var finished = await Task.WhenAny(second, Task.Delay(TimeSpan.FromMilliseconds(500)));
            Assert.That(finished, Is.Not.SameAs(second), "the second writer took the lock while the first held it");

            await fixture.Store.UpdateInstanceAsync(first, instance, 1, default);
            if (commit)
            {
                await first.CommitAsync(default);
            }
        }
        finally
        {
            await first.DisposeAsync();
        }

        Assert.That(firstVersion, Is.EqualTo(1));
        Assert.That(await second.WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo(commit ? 2 : 1));
    }

    [Test]
    public async Task Concurrent_claims_take_each_timer_once()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        var timers = Enumerable.Range(0, 200)
            .Select(i => RuntimeStoreFixture.Timer($"t{i:D3}", "i1", Now.AddSeconds(-i)))
            .ToList();
        await fixture.WriteAsync(tx => fixture.Store.InsertTimersAsync(tx, timers, default));
        var claimed = new ConcurrentBag<(string Owner, string Timer)>();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(runner => Task.Run(async () =>
        {
            for (var round = 0; round < 100; round++)
            {
                var batch = await fixture.Store.ClaimDueTimersAsync(
                    Now, $"node-{runner}", TimeSpan.FromMinutes(2), 7, default);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var timer in batch)
                {
                    claimed.Add(($"node-{runner}", timer.Id));
                }
            }
        })));

        Assert.That(claimed.Select(item => item.Timer).Order(), Is.EqualTo(timers.Select(timer => timer.Id).Order()));
    }

    [Test]
    public async Task Claimed_timer_returns_after_lease_expires()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        await fixture.WriteAsync(tx => fixture.Store.InsertTimersAsync(
            tx, [RuntimeStoreFixture.Timer("t1", "i1", Now)], default));
        var lease = TimeSpan.FromSeconds(2);
        var first = await fixture.Store.ClaimDueTimersAsync(Now, "node-a", lease, 10, default);

        var during = await fixture.Store.ClaimDueTimersAsync(Now.AddSeconds(1), "node-b", lease, 10, default);
        var after = await fixture.Store.ClaimDueTimersAsync(Now.AddSeconds(3), "node-b", lease, 10, default);

        Assert.That(first.Select(timer => (timer.Id, timer.LeaseOwner)), Is.EqualTo(new[] { ("t1", (string?)"node-a") }));
        Assert.That(during, Is.Empty);
        Assert.That(after.Select(timer => (timer.Id, timer.LeaseOwner, timer.LeaseUntil)),
            Is.EqualTo(new[] { ("t1", (string?)"node-b", (DateTimeOffset?)Now.AddSeconds(5)) }));
    }

    [Test]
    public async Task Timer_is_marked_fired_once()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        await fixture.WriteAsync(tx => fixture.Store.InsertTimersAsync(
            tx, [RuntimeStoreFixture.Timer("t1", "i1", Now)], default));
        var results = new List<bool>();

        await fixture.WriteAsync(async tx => results.Add(await fixture.Store.MarkTimerFiredAsync(tx, "t1", Now, default)));
        await fixture.WriteAsync(async tx => results.Add(await fixture.Store.MarkTimerFiredAsync(tx, "t1", Now, default)));

        Assert.That(results, Is.EqualTo(new[] { true, false }));
        Assert.That(await fixture.Store.ClaimDueTimersAsync(Now.AddHours(1), "node-a", TimeSpan.FromSeconds(2), 10,
            default), Is.Empty);
    }

    [Test]
    public async Task Cancel_timers_of_tasks_leaves_others()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        var reminder = RuntimeStoreFixture.Timer("t1", "i1", Now);
        reminder.TaskId = "task-1";
        var node = RuntimeStoreFixture.Timer("t2", "i1", Now);
        node.TokenId = "token-1";
        await fixture.WriteAsync(tx => fixture.Store.InsertTimersAsync(tx, [reminder, node], default));

        await fixture.WriteAsync(tx => fixture.Store.CancelTimersAsync(tx, "i1", ["task-1"], [], default));

        var timers = await fixture.Store.GetTimersAsync("i1", default);
        Assert.That(timers.Select(timer => (timer.Id, timer.Status)),
            Is.EqualTo(new[] { ("t1", TimerStatuses.Cancelled), ("t2", TimerStatuses.Pending) }));
    }

    [Test]
    public async Task Cancel_all_timers_of_instance()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i2"), default));
        var reminder = RuntimeStoreFixture.Timer("t1", "i1", Now);
        reminder.TaskId = "task-1";
        var node = RuntimeStoreFixture.Timer("t2", "i1", Now);
        node.TokenId = "token-1";
        var other = RuntimeStoreFixture.Timer("t3", "i2", Now);
        await fixture.WriteAsync(tx => fixture.Store.InsertTimersAsync(tx, [reminder, node, other], default));

        await fixture.WriteAsync(tx => fixture.Store.CancelTimersAsync(tx, "i1", null, null, default));
        await fixture.WriteAsync(tx => fixture.Store.CancelTimersAsync(tx, "i1", null, null, default));

        var cancelled = await fixture.Store.GetTimersAsync("i1", default);
        var untouched = await fixture.Store.GetTimersAsync("i2", default);
        Assert.That(cancelled.Select(timer => (timer.Id, timer.Status)),
            Is.EqualTo(new[] { ("t1", TimerStatuses.Cancelled), ("t2", TimerStatuses.Cancelled) }));
        Assert.That(untouched.Select(timer => (timer.Id, timer.Status)),
            Is.EqualTo(new[] { ("t3", TimerStatuses.Pending) }));
    }

    [Test]
    public async Task Concurrent_outbox_claims_take_each_message_once()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        var messages = Enumerable.Range(0, 100)
            .Select(i => RuntimeStoreFixture.Message($"m{i:D3}", "i1", Now.AddSeconds(-i)))
            .ToList();
        await fixture.WriteAsync(tx => fixture.Store.InsertOutboxAsync(tx, messages, default));
        var claimed = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(runner => Task.Run(async () =>
        {
            for (var round = 0; round < 100; round++)
            {
                var batch = await fixture.Store.ClaimDueOutboxAsync(
                    Now, $"node-{runner}", TimeSpan.FromMinutes(2), 9, default);
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    claimed.Add(message.Id);
                }
            }
        })));

        Assert.That(claimed.Order(), Is.EqualTo(messages.Select(message => message.Id).Order()));
    }

    [Test]
    public async Task Rescheduled_message_waits_and_counts_attempts()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        await fixture.WriteAsync(tx => fixture.Store.InsertOutboxAsync(
            tx, [RuntimeStoreFixture.Message("m1", "i1", Now)], default));
        await fixture.Store.ClaimDueOutboxAsync(Now, "node-a", TimeSpan.FromMinutes(2), 10, default);

        await fixture.Store.RescheduleOutboxAsync("m1", 1, Now.AddSeconds(10), "HTTP 503", default);

        Assert.That(await fixture.Store.ClaimDueOutboxAsync(Now.AddSeconds(5), "node-b", TimeSpan.FromMinutes(2), 10,
            default), Is.Empty);
        var retried = await fixture.Store.ClaimDueOutboxAsync(
            Now.AddSeconds(10), "node-b", TimeSpan.FromMinutes(2), 10, default);
        Assert.That(retried.Select(message => (message.Id, message.Attempts, message.LastError)),
            Is.EqualTo(new[] { ("m1", 1, (string?)"HTTP 503") }));
    }

    [Test]
    public async Task Audit_keeps_order_and_snapshots()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        var snapshot = new JsonObject { ["amount"] = "12.50", ["note"] = "急" };

        await fixture.WriteAsync(tx => fixture.Store.InsertAuditAsync(tx,
        [
            new AuditEntry(0, "i1", Now, "alice", AuditActions.InstanceStarted, "start", null, null, snapshot, null),
            new AuditEntry(0, "i1", Now.AddSeconds(1), "bob", "task.approved", "approve", "task-1", "ok", null,
                new JsonObject { ["outcome"] = "approved" }),
        ], default));

        var trail = await fixture.Store.GetAuditAsync("i1", default);
        Assert.That(trail.Select(entry => (entry.Actor, entry.At, entry.FormSnapshot?.ToJsonString(), entry.Comment)),
            Is.EqualTo(new[]
            {
                ("alice", Now, snapshot.ToJsonString(), (string?)null),
                ("bob", Now.AddSeconds(1), (string?)null, (string?)"ok"),
            }));
        Assert.That(trail[0].Id, Is.LessThan(trail[1].Id));
    }

    [Test]
    public async Task Audit_batch_of_forty_keeps_order()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        var entries = Enumerable.Range(0, 40)
            .Select(i => new AuditEntry(0, "i1", Now.AddSeconds(i), $"user-{i}", AuditActions.NodeEntered, $"n{i}", null,
                null, null, null))
            .ToList();

        await fixture.WriteAsync(tx => fixture.Store.InsertAuditAsync(tx, entries, default));

        var trail = await fixture.Store.GetAuditAsync("i1", default);
        Assert.That(trail.Select(entry => entry.Actor), Is.EqualTo(entries.Select(entry => entry.Actor)));
        Assert.That(trail.Select(entry => entry.NodeId), Is.EqualTo(entries.Select(entry => entry.NodeId)));
        Assert.That(trail.Select(entry => entry.At), Is.EqualTo(entries.Select(entry => entry.At)));
    }

    [Test]
    public async Task Audit_engine_lines_read_back_as_written()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i2"), default));
        var step = AuditRunEntries.Step("i1", "i2");
        var next = AuditRunEntries.NextStep("i1");

        await fixture.WriteAsync(tx => fixture.Store.InsertAuditAsync(tx, step, default));
        await fixture.WriteAsync(tx => fixture.Store.InsertAuditAsync(tx, next, default));

        var trail = await fixture.Store.GetAuditAsync("i1", default);
        var expected = step.Where(entry => entry.InstanceId == "i1").Concat(next).ToList();
        Assert.That(trail.Select(AuditRunEntries.Describe), Is.EqualTo(expected.Select(AuditRunEntries.Describe)));
        Assert.That(trail.Select(entry => entry.Id), Is.Ordered.Ascending.And.Unique);
        var other = await fixture.Store.GetAuditAsync("i2", default);
        Assert.That(other.Select(AuditRunEntries.Describe),
            Is.EqualTo(step.Where(entry => entry.InstanceId == "i2").Select(AuditRunEntries.Describe)));
        Assert.That(other.Select(entry => entry.Id).Intersect(trail.Select(entry => entry.Id)), Is.Empty);
    }

    [Test]
    public async Task Next_due_is_the_earliest_pending_work()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        await fixture.WriteAsync(tx => fixture.Store.InsertTimersAsync(
            tx, [RuntimeStoreFixture.Timer("t1", "i1", Now.AddMinutes(9))], default));
        await fixture.WriteAsync(tx => fixture.Store.InsertOutboxAsync(
            tx, [RuntimeStoreFixture.Message("m1", "i1", Now.AddMinutes(4))], default));

        var next = await fixture.Store.GetNextDueAsync(default);

        Assert.That(next, Is.EqualTo(Now.AddMinutes(4)));
    }

    [Test]
    public async Task Schedule_advances_once()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await fixture.Store.ReplaceSchedulesAsync("stock-check",
        [
            new ScheduleRecord { Id = "stock-check#0", FlowKey = "stock-check", Cron = "0 8 * * *", TimeZone = "UTC",
                NextDueAt = Now },
        ], default);
        var results = new List<bool>();

        foreach (var _ in Enumerable.Range(0, 2))
        {
            await fixture.WriteAsync(async tx => results.Add(await fixture.Store.AdvanceScheduleAsync(
                tx, "stock-check#0", Now, Now.AddDays(1), Now, default)));
        }

        Assert.That(results, Is.EqualTo(new[] { true, false }));
        Assert.That((await fixture.Store.GetDueSchedulesAsync(Now.AddDays(1), default)).Single().NextDueAt,
            Is.EqualTo(Now.AddDays(1)));
    }

    [Test]
    public async Task Mark_read_touches_own_notifications()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        Notification Note(string id, string user, int minute) => new(
            id, user, "i1", "notify", null, NotificationKinds.Message, new LocalizedText("订单被信用拦截", "Order held by credit"),
            Now.AddMinutes(minute), null);
        await fixture.WriteAsync(tx => fixture.Store.InsertNotificationsAsync(
            tx, [Note("n1", "bob", 1), Note("n2", "bob", 2), Note("n3", "bob", 3), Note("n4", "carol", 4)], default));

        var marked = await fixture.Store.MarkNotificationReadAsync("n1", "bob", Now.AddHours(1), default);
        var markedAgain = await fixture.Store.MarkNotificationReadAsync("n1", "bob", Now.AddHours(2), default);
        var othersMarked = await fixture.Store.MarkNotificationReadAsync("n4", "bob", Now.AddHours(1), default);
        var unknownMarked = await fixture.Store.MarkNotificationReadAsync("n9", "bob", Now.AddHours(1), default);

        Assert.That((marked, markedAgain, othersMarked, unknownMarked), Is.EqualTo((true, true, false, false)));
        var bobs = (await fixture.Store.GetNotificationsAsync("bob", unreadOnly: false, 0, 10, default)).Items;
        Assert.That(bobs.Single(notification => notification.Id == "n1").ReadAt, Is.EqualTo(Now.AddHours(1)));
        Assert.That(((await fixture.Store.GetNotificationsAsync("bob", unreadOnly: true, 0, 10, default)).Items)
            .Select(notification => notification.Id).Order(), Is.EqualTo(new[] { "n2", "n3" }));

        var markedAll = await fixture.Store.MarkAllNotificationsReadAsync("bob", Now.AddHours(3), default);

        Assert.That(markedAll, Is.EqualTo(2));
        Assert.That((await fixture.Store.GetNotificationsAsync("bob", unreadOnly: true, 0, 10, default)).Items, Is.Empty);
        Assert.That(((await fixture.Store.GetNotificationsAsync("bob", unreadOnly: false, 0, 10, default)).Items)
            .Single(notification => notification.Id == "n1").ReadAt, Is.EqualTo(Now.AddHours(1)));
        Assert.That(((await fixture.Store.GetNotificationsAsync("carol", unreadOnly: true, 0, 10, default)).Items)
            .Select(notification => notification.Id), Is.EqualTo(new[] { "n4" }));
    }

    [Test]
    public async Task Notification_pages_cover_older_ones()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(provider);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        // 250 notifications, one a minute, and two more in the last minute whose order is decided by id.
        var notes = Enumerable.Range(0, 250)
            .Select(minute => new Notification(
                $"n{minute:D3}", "bob", "i1", "notify", null, NotificationKinds.Message,
                new LocalizedText($"第 {minute} 条", $"Number {minute}"), Now.AddMinutes(minute), null))
            .Append(new Notification("x1", "bob", "i1", "notify", null, NotificationKinds.Urge, null, Now.AddMinutes(249), null))
            .Append(new Notification("x2", "carol", "i1", "notify", null, NotificationKinds.Urge, null, Now, null))
            .ToList();
        await fixture.WriteAsync(tx => fixture.Store.InsertNotificationsAsync(tx, notes, default));
        await fixture.Store.MarkNotificationReadAsync("n248", "bob", Now.AddHours(5), default);

        var first = await fixture.Store.GetNotificationsAsync("bob", unreadOnly: false, 0, 100, default);
        var third = await fixture.Store.GetNotificationsAsync("bob", unreadOnly: false, 200, 100, default);
        var beyond = await fixture.Store.GetNotificationsAsync("bob", unreadOnly: false, 300, 100, default);
        var unread = await fixture.Store.GetNotificationsAsync("bob", unreadOnly: true, 0, 3, default);

        Assert.That(first.Total, Is.EqualTo(251));
        Assert.That(first.Items.Take(3).Select(item => item.Id), Is.EqualTo(new[] { "x1", "n249", "n248" }));
        Assert.That(first.Items, Has.Count.EqualTo(100));
        Assert.That(third.Items.Select(item => item.Id), Is.EqualTo(
            Enumerable.Range(0, 51).Select(index => $"n{50 - index:D3}")));
        Assert.That((beyond.Total, beyond.Items.Count), Is.EqualTo((251, 0)));
        Assert.That(unread.Total, Is.EqualTo(250));
        Assert.That(unread.Items.Select(item => item.Id), Is.EqualTo(new[] { "x1", "n249", "n247" }));
    }
}
