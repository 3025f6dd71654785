using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Api;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Records;

/// <summary>
/// The four dashboard charts, read through <c>/api/dashboards</c>, against records and tasks the
/// test wrote; the salesperson's numbers pass through the same permission filter as their lists.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class DashboardTests
{
    [Test]
    public async Task Receivables_overdue_sum_by_customer_region()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        await RecordApiTests.SeedCustomersAsync(app);
        await Receivable(app, "C-E1", -10, 1000.50m);
        await Receivable(app, "C-E2", -1, 200m);
        await Receivable(app, "C-E1", 10, 999m);
        await Receivable(app, "C-E1", -30, 0m);
        await Receivable(app, "C-N1", -5, 300m);
        using var admin = await ApiAccessTests.ClientForAsync(app, "admin");

        var points = await ChartAsync(admin, "receivablesOverdueByRegion");

        Assert.Multiple(() =>
        {
            Assert.That(points["east"].Value, Is.EqualTo(1200.50m));
            Assert.That(points["east"].Count, Is.EqualTo(2));
            Assert.That(points["north"].Value, Is.EqualTo(300m));
            Assert.That(points, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Stock_quantity_by_expiry_window()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        foreach (var (days, quantity) in new[] { (-1, 5), (0, 2), (30, 3), (45, 11), (100, 13), (400, 17) })
        {
            await RecordSeed.CreateAsync(app, "stock-batch", new JsonObject
            {
                ["batchNo"] = $"B{days}", ["product"] = "P-1", ["quantity"] = quantity,
                ["expiryDate"] = RecordSeed.Day(days), ["status"] = "available",
            });
        }

        using var sales = await ApiAccessTests.ClientForAsync(app, "sales1");

        var points = await ChartAsync(sales, "stockByExpiryWindow");

        Assert.Multiple(() =>
        {
            Assert.That(points["expired"].Value, Is.EqualTo(5m));
            Assert.That(points["0-30"].Value, Is.EqualTo(5m));
            Assert.That(points["0-30"].Count, Is.EqualTo(2));
            Assert.That(points["31-90"].Value, Is.EqualTo(11m));
            Assert.That(points["91-180"].Value, Is.EqualTo(13m));
            Assert.That(points["181+"].Value, Is.EqualTo(17m));
        });
    }

    [Test]
    public async Task Order_cycle_days_follow_the_region_rule()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        await Shipped(app, "east", -20, -17);
        await Shipped(app, "east", -20, -15);
        await Shipped(app, "north", -30, -20);
        await RecordSeed.CreateAsync(app, "order", new JsonObject
        {
            ["customer"] = "C-E1", ["region"] = "east", ["orderDate"] = RecordSeed.Day(-2),
        });
        using var admin = await ApiAccessTests.ClientForAsync(app, "admin");
        using var sales = await ApiAccessTests.ClientForAsync(app, "sales1");

        var all = await ChartAsync(admin, "orderCycleDaysByRegion");
        var east = await ChartAsync(sales, "orderCycleDaysByRegion");

        Assert.Multiple(() =>
        {
            Assert.That(all["east"].Value, Is.EqualTo(4m));
            Assert.That(all["east"].Count, Is.EqualTo(2));
            Assert.That(all["north"].Value, Is.EqualTo(10m));
            Assert.That(east.Keys, Is.EqualTo(new[] { "east" }));
        });
    }

    [Test]
    public async Task Open_tasks_counted_by_node()
    {
        await using var app = new DesignerAppFactory();
        await OrderDefinitions.PublishAsync(app.Services.GetRequiredService<IDefinitionService>(), "owner");
        using var sales = await ApiAccessTests.ClientForAsync(app, "sales1");
        foreach (var customer in new[] { "瑞金医院", "华山医院" })
        {
            using var started = await sales.PostAsJsonAsync("/api/instances", new
            {
                flowKey = OrderDefinitions.FlowKey,
                data = new { customer, region = "east", total = 1000 },
            });
            started.EnsureSuccessStatusCode();
        }

        using var owner = await ApiAccessTests.ClientForAsync(app, "owner");

        var points = await ChartAsync(owner, "tasksOverdueByNode");

        var node = points[$"{OrderDefinitions.FlowKey}/{OrderDefinitions.ManagerNode}"];
        Assert.Multiple(() =>
        {
            Assert.That(node.Count, Is.EqualTo(2));
            Assert.That(node.Value, Is.EqualTo(0m), "The deadline is two days away, so none is overdue.");
        });
    }

    private static async Task<Dictionary<string, (decimal Value, long Count)>> ChartAsync(HttpClient client, string chart)
    {
        var dashboards = await client.GetFromJsonAsync<JsonObject>("/api/dashboards");
        return dashboards![chart]!.AsArray().ToDictionary(
            point => point!["key"]!.GetValue<string>(),
            point => (point!["value"]!.GetValue<decimal>(), point["count"]!.GetValue<long>()));
    }

    private static Task Receivable(DesignerAppFactory app, string customer, int dueInDays, decimal outstanding) =>
        RecordSeed.CreateAsync(app, "receivable", new JsonObject
        {
            ["customer"] = customer, ["invoiceNo"] = $"INV-{Guid.NewGuid():N}", ["dueDate"] = RecordSeed.Day(dueInDays),
            ["amount"] = outstanding + 100m, ["paidAmount"] = 100m, ["outstandingAmount"] = outstanding,
        });

    private static Task Shipped(DesignerAppFactory app, string region, int orderedDay, int shippedDay) =>
        RecordSeed.CreateAsync(app, "order", new JsonObject
        {
            ["customer"] = region == "east" ? "C-E1" : "C-N1", ["region"] = region,
            ["orderDate"] = RecordSeed.Day(orderedDay), ["shippedDate"] = RecordSeed.Day(shippedDay),
            ["shipmentStatus"] = "shipped",
        });
}
