using System.Collections.Concurrent;
using WorkflowKit.Storage.PostgreSql.Notifications;

namespace WorkflowKit.Storage.Tests.Notifications;

/// <summary>LISTEN/NOTIFY between two relays that stand for two designer nodes.</summary>
public sealed class NotificationRelayTests
{
    [Test]
    public async Task Message_reaches_every_node_once()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.PostgreSql, migrate: false);
        var onA = new ConcurrentQueue<string>();
        var onB = new ConcurrentQueue<string>();
        await using var a = new PostgresNotificationRelay(test.ConnectionString, "wk_tasks", payload =>
        {
            onA.Enqueue(payload);
            return Task.CompletedTask;
        });
        await using var b = new PostgresNotificationRelay(test.ConnectionString, "wk_tasks", payload =>
        {
            onB.Enqueue(payload);
            return Task.CompletedTask;
        });
        await Task.WhenAll(a.StartAsync(default), b.StartAsync(default));

        await a.PublishAsync("""{"users":["bob"],"instance":"i1"}""", default);
        await a.PublishAsync("""{"users":["carol"],"instance":"i2"}""", default);
        await WaitUntilAsync(() => onA.Count >= 2 && onB.Count >= 2);

        Assert.That(onB, Is.EqualTo(new[]
        {
            """{"users":["bob"],"instance":"i1"}""", """{"users":["carol"],"instance":"i2"}""",
        }));
        Assert.That(onA, Is.EqualTo(onB));
    }

    [Test]
    public async Task Oversized_payload_is_refused()
    {
        await using var test = await TestDatabase.CreateAsync(StorageProvider.PostgreSql, migrate: false);
        await using var relay = new PostgresNotificationRelay(
            test.ConnectionString, "wk_tasks", _ => Task.CompletedTask);

        var refused = Assert.ThrowsAsync<ArgumentException>(() => relay.PublishAsync(new string('x', 8000), default));

        Assert.That(refused!.Message, Does.StartWith("Expected a notification payload under 8,000 bytes, got 8000"));
    }

    [Test]
    public void Channel_name_is_checked()
    {
        var refused = Assert.Throws<ArgumentException>(() =>
            _ = new PostgresNotificationRelay("Host=127.0.0.1", "tasks; DROP TABLE x", _ => Task.CompletedTask));

        Assert.That(refused!.Message, Does.Contain("got \"tasks; DROP TABLE x\""));
    }

    private static async Task WaitUntilAsync(Func<bool> done)
    {
        for (var round = 0; round < 200 && !done(); round++)
        {
            await Task.Delay(50);
        }
    }
}
