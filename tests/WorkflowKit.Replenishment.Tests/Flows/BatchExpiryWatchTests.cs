using WorkflowKit.Organization;
using WorkflowKit.Replenishment.Tests.Support;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Notifications;

namespace WorkflowKit.Replenishment.Tests.Flows;

/// <summary>
/// Runs the template's <c>batch-expiry-watch</c> schedule at 02:00 Shanghai and checks who its warehouse notices
/// reach: the staff of the warehouse that holds each batch at risk, and the administrators for a warehouse without
/// staff.
/// </summary>
public sealed class BatchExpiryWatchTests
{
    // 2026-12-01 02:00 in Asia/Shanghai.
    private static readonly DateTimeOffset RunAt = new(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Watch_NotifiesHoldingWarehouseOnly()
    {
        await using var world = await RunWatchAsync();

        var shanghai = await WarehouseNoticesAsync(world, "keeper-sh");
        var beijing = await WarehouseNoticesAsync(world, "keeper-bj");

        Assert.That(shanghai, Has.Count.EqualTo(1));
        Assert.That(shanghai[0].Message!.Get("en"), Does.Contain("SH-20"));
        Assert.That(shanghai[0].Message!.Get("en"), Does.Not.Contain("GZ-40"));
        Assert.That(shanghai[0].Message!.Get("zh-CN"), Does.Contain("SH-20"));
        Assert.That(beijing, Is.Empty, "Beijing holds no batch at risk");
        Assert.That(await WarehouseNoticesAsync(world, "wh-east"), Is.Empty, "a keeper of no listed warehouse");
        Assert.That(await WarehouseNoticesAsync(world, "wh-north"), Is.Empty, "a keeper of no listed warehouse");
    }

    [Test]
    public async Task Watch_WarehouseWithoutStaffGoesToAdmins()
    {
        await using var world = await RunWatchAsync();

        var admin = await WarehouseNoticesAsync(world, "admin");

        Assert.That(admin, Has.Count.EqualTo(1));
        Assert.That(admin[0].Message!.Get("en"), Does.Contain("GZ-40").And.Contain("warehouse gz"));
        Assert.That(admin[0].Message!.Get("en"), Does.Not.Contain("SH-20"));
        var watch = (await world.Engine.QueryInstancesAsync(
            new InstanceQuery { FlowKey = "batch-expiry-watch" }, CancellationToken.None)).Single();
        Assert.That(watch.Status, Is.EqualTo(Runtime.InstanceStatuses.Completed));
    }

    // Shanghai holds a batch that expires in 19 days and Guangzhou, which has no staff, one in 40 days. Beijing's
    // batch is far from expiry.
    private static async Task<ReplenishmentWorld> RunWatchAsync()
    {
        var world = await ReplenishmentWorld.CreateAsync(RunAt.AddHours(-1));
        world.Organization
            .Add(new OrgUser("keeper-sh", "Keeper Shanghai", "warehouse-sh", ["warehouse"], new Dictionary<string, string>()))
            .Add(new OrgUser("keeper-bj", "Keeper Beijing", "warehouse-bj", ["warehouse"], new Dictionary<string, string>()));
        await world.AddAsync("product", new() { ["code"] = "IVD-0001", ["leadTimeDays"] = 31, ["active"] = true });
        await world.AddAsync("stock-batch", Batch("SH-20", "sh", "2026-12-20"));
        await world.AddAsync("stock-batch", Batch("GZ-40", "gz", "2027-01-10"));
        await world.AddAsync("stock-batch", Batch("BJ-FAR", "bj", "2028-06-30"));
        await world.Engine.SyncSchedulesAsync(
            await world.Definitions.GetAsync("batch-expiry-watch", null, CancellationToken.None), CancellationToken.None);

        world.Time.SetUtcNow(RunAt.AddMinutes(1));
        await world.RunDueWorkAsync();
        return world;
    }

    private static System.Text.Json.Nodes.JsonObject Batch(string batchNo, string warehouse, string expiry)
    {
        var batch = CraftedHistory.Batch(batchNo, "IVD-0001", 10, 0, expiry, "available");
        batch["warehouse"] = warehouse;
        return batch;
    }

    private static async Task<IReadOnlyList<Notification>> WarehouseNoticesAsync(ReplenishmentWorld world, string userId) =>
        [.. (await world.Engine.GetNotificationsAsync(userId, false, CancellationToken.None))
            .Where(notice => notice.NodeId == "notifyWarehouse")];
}
