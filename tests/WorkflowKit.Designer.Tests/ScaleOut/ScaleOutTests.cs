using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowKit.Designer.Hosting.ScaleOut;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Tests.ScaleOut;

/// <summary>Two designer nodes on one PostgreSQL database share keys and task notifications.</summary>
public sealed class ScaleOutTests
{
    [Test]
    public async Task Cookie_protected_on_one_node_reads_on_another()
    {
        await using var shared = await SharedDatabase.CreateAsync();
        await using var nodeA = Node(shared.ConnectionString);
        await using var nodeB = Node(shared.ConnectionString);

        var ticket = Protector(nodeA).Protect("user=bob;roles=approver");

        Assert.That(Protector(nodeB).Unprotect(ticket), Is.EqualTo("user=bob;roles=approver"));
    }

    [Test]
    public async Task Node_on_another_database_cannot_read_cookie()
    {
        await using var shared = await SharedDatabase.CreateAsync();
        await using var other = await SharedDatabase.CreateAsync();
        await using var nodeA = Node(shared.ConnectionString);
        await using var stranger = Node(other.ConnectionString);

        var ticket = Protector(nodeA).Protect("user=bob");

        Assert.Throws<CryptographicException>(() => Protector(stranger).Unprotect(ticket));
    }

    [Test]
    public async Task Task_notification_reaches_other_node()
    {
        await using var shared = await SharedDatabase.CreateAsync();
        var logger = NullLogger<RelayedTaskNotifier>.Instance;
        await using var nodeA = new RelayedTaskNotifier(shared.ConnectionString, logger);
        await using var nodeB = new RelayedTaskNotifier(shared.ConnectionString, logger);
        var seenOnB = new ConcurrentQueue<TaskNotification>();
        nodeB.Changed += seenOnB.Enqueue;
        await Task.WhenAll(nodeA.StartAsync(default), nodeB.StartAsync(default));

        nodeA.Publish(new TaskNotification(["bob", "carol"], "instance-7", "assigned"));
        for (var round = 0; round < 200 && seenOnB.IsEmpty; round++)
        {
            await Task.Delay(50);
        }

        Assert.That(seenOnB.Select(seen => (string.Join(",", seen.UserIds), seen.InstanceId, seen.Reason)),
            Is.EqualTo(new[] { ("bob,carol", "instance-7", "assigned") }));
    }

    private static ServiceProvider Node(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflowKitScaleOut(connectionString);
        return services.BuildServiceProvider();
    }

    private static IDataProtector Protector(IServiceProvider node) =>
        node.GetRequiredService<IDataProtectionProvider>().CreateProtector("WorkflowKit.Auth");
}
