using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Storage;
using WorkflowKit.Replenishment.Dashboard;
using WorkflowKit.Replenishment.Tests.Support;

namespace WorkflowKit.Replenishment.Tests.Dashboard;

/// <summary>The dashboard read through the template's data permissions on a real SQLite record store.</summary>
public sealed class ForecastDashboardServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Test]
    public async Task Build_AdminSeesAllRegions()
    {
        await using var world = await WorldAsync();

        var dashboard = await Service(world).BuildAsync("admin", Shanghai, new ForecastDashboardOptions(), CancellationToken.None);

        var row = dashboard.Products.Single();
        Assert.Multiple(() =>
        {
            Assert.That(dashboard.AsOf, Is.EqualTo(new DateOnly(2026, 12, 1)));
            Assert.That(row.Months.Take(12).Select(m => m.Actual), Is.All.EqualTo(300m));
            Assert.That(row.UsableStock, Is.EqualTo(500m));
        });
    }

    [Test]
    public async Task Build_SalesSeesOwnRegionOrdersOnly()
    {
        await using var world = await WorldAsync();

        var dashboard = await Service(world).BuildAsync(
            "sales-east-1", Shanghai, new ForecastDashboardOptions(), CancellationToken.None);

        Assert.That(dashboard.Products.Single().Months.Take(12).Select(m => m.Actual), Is.All.EqualTo(200m));
    }

    [Test]
    public async Task Build_SalesSeesStockCoverOfCompanyDemand()
    {
        // East orders 200 a month and north 100; the 500 units in stock serve both, so east must see the same cover
        // as the admin (about 50 days), not the cover of its own 200 a month (about 75 days).
        await using var world = await WorldAsync();
        var service = Service(world);

        var admin = await service.BuildAsync("admin", Shanghai, new ForecastDashboardOptions(), CancellationToken.None);
        var east = await service.BuildAsync(
            "sales-east-1", Shanghai, new ForecastDashboardOptions(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(east.Products.Single().CoverDays, Is.EqualTo(admin.Products.Single().CoverDays));
            Assert.That(admin.Products.Single().CoverDays, Is.InRange(40m, 60m));
            Assert.That(east.BatchesAtRisk, Is.EqualTo(admin.BatchesAtRisk));
        });
    }

    [TestCase("admin", 1)]
    [TestCase("sales-east-1", 2)]
    public async Task Build_ReadsEachFormOnce(string userId, int orderReads)
    {
        // A region user reads their own orders and the company's, which stock cover needs; every other form once.
        await using var world = await WorldAsync();
        var counting = new CountingRecordStore(world.Records);

        await Service(world, counting).BuildAsync(userId, Shanghai, new ForecastDashboardOptions(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(counting.Queries("product"), Is.EqualTo(1));
            Assert.That(counting.Queries("stock-batch"), Is.EqualTo(1));
            Assert.That(counting.Queries("order"), Is.EqualTo(orderReads));
        });
    }

    private static ForecastDashboardService Service(ReplenishmentWorld world, IRecordStore? store = null)
    {
        store ??= world.Records;
        var manifest = DefinitionJson.Deserialize<PackageManifest>(
            File.ReadAllText(Path.Combine(TestPaths.TemplatePackage, "package.json")));
        var rules = new InMemoryPermissionRuleStore();
        foreach (var rule in manifest.Permissions ?? [])
        {
            rules.Add(rule);
        }

        var access = new RecordAccess(rules, world.Organization, new InMemoryParticipationSource());
        return new ForecastDashboardService(
            new RecordReader(store, world.Records, world.Records, access), store, world.Time);
    }

    private static async Task<ReplenishmentWorld> WorldAsync()
    {
        var world = await ReplenishmentWorld.CreateAsync(Now);
        await world.AddAsync("product", new JsonObject { ["code"] = "IVD-0001", ["leadTimeDays"] = 31, ["active"] = true });
        await world.AddAsync("stock-batch", CraftedHistory.Batch("A1", "IVD-0001", 500, 0, "2028-01-01", "available"));
        for (var month = new DateOnly(2023, 12, 1); month < new DateOnly(2026, 12, 1); month = month.AddMonths(1))
        {
            await world.AddAsync("order", Order("C0001", "east", month, 200));
            await world.AddAsync("order", Order("C0002", "north", month, 100));
        }

        return world;
    }

    private static JsonObject Order(string customer, string region, DateOnly month, int quantity) => new()
    {
        ["customer"] = customer,
        ["region"] = region,
        ["orderDate"] = month.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["status"] = "shipped",
        ["lines"] = new JsonArray(new JsonObject { ["product"] = "IVD-0001", ["quantity"] = quantity, ["unitPrice"] = 10m }),
    };
}

/// <summary>A record store that counts the queries of each form and passes every call on.</summary>
internal sealed class CountingRecordStore(IRecordStore inner) : IRecordStore
{
    private readonly ConcurrentDictionary<string, int> _queries = new(StringComparer.Ordinal);

    public int Queries(string formKey) => _queries.GetValueOrDefault(formKey);

    public Task<RecordEntry> CreateAsync(
        string formKey, JsonObject data, RecordWriteContext context, CancellationToken cancellationToken) =>
        inner.CreateAsync(formKey, data, context, cancellationToken);

    public Task<RecordEntry> UpdateAsync(
        string formKey, long recordId, JsonObject changes, long? expectedVersion, RecordWriteContext context,
        CancellationToken cancellationToken) =>
        inner.UpdateAsync(formKey, recordId, changes, expectedVersion, context, cancellationToken);

    public Task<RecordEntry?> GetAsync(
        string formKey, long recordId, IStorageTransaction? transaction, CancellationToken cancellationToken) =>
        inner.GetAsync(formKey, recordId, transaction, cancellationToken);

    public Task<RecordPage> QueryAsync(
        RecordQuery query, IStorageTransaction? transaction, CancellationToken cancellationToken)
    {
        _queries.AddOrUpdate(query.FormKey, 1, (_, count) => count + 1);
        return inner.QueryAsync(query, transaction, cancellationToken);
    }

    public Task SoftDeleteAsync(string formKey, long recordId, RecordWriteContext context, CancellationToken cancellationToken) =>
        inner.SoftDeleteAsync(formKey, recordId, context, cancellationToken);
}
