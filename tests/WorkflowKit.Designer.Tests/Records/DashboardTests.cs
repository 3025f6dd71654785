using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Designer.Accounts;
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
        await Receivable(app, "C-E1", -3, 50m);
        await Receivable(app, "C-E2", -1, 200m);
        await Receivable(app, "C-E1", 10, 999m);
        await Receivable(app, "C-E1", -30, 0m);
        await Receivable(app, "C-N1", -5, 300m);
        using var admin = await ApiAccessTests.ClientForAsync(app, "admin");

        var points = await ChartAsync(admin, "receivablesOverdueByRegion");

        Assert.Multiple(() =>
        {
            Assert.That(points["east"].Value, Is.EqualTo(1250.50m));
            Assert.That(points["east"].Count, Is.EqualTo(2), "two customers with three overdue invoices");
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

    [Test]
    public async Task Task_past_its_deadline_counts_as_overdue()
    {
        // Monday 2026-03-02, 09:00 in Asia/Shanghai; the manager's approval is due in two days.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        await using var app = new DesignerAppFactory(clock: clock);
        await OrderDefinitions.PublishAsync(app.Services.GetRequiredService<IDefinitionService>(), "owner");
        using var sales = await ApiAccessTests.ClientForAsync(app, "sales1");
        using var owner = await ApiAccessTests.ClientForAsync(app, "owner");
        await StartOrderAsync(sales, "瑞金医院");
        clock.Advance(TimeSpan.FromDays(1));
        await StartOrderAsync(sales, "华山医院");
        var tasks = await app.Services.GetRequiredService<IWorkService>().GetOpenTasksAsync(OwnerContext, default);
        var firstDue = tasks.Select(task => task.DueAt).Min()
            ?? throw new AssertionException("The manager's task has no deadline.");
        var secondDue = tasks.Select(task => task.DueAt).Max();

        clock.SetUtcNow(firstDue.AddMinutes(-1));
        var beforeDeadline = await ChartAsync(owner, "tasksOverdueByNode");
        clock.SetUtcNow(firstDue.AddMinutes(1));
        var afterDeadline = await ChartAsync(owner, "tasksOverdueByNode");

        var key = $"{OrderDefinitions.FlowKey}/{OrderDefinitions.ManagerNode}";
        Assert.Multiple(() =>
        {
            Assert.That(tasks, Has.Count.EqualTo(2));
            Assert.That(secondDue, Is.GreaterThan(firstDue.AddMinutes(1)), "The second task must not be due yet.");
            Assert.That(beforeDeadline[key].Value, Is.EqualTo(0m));
            Assert.That(beforeDeadline[key].Count, Is.EqualTo(2));
            Assert.That(afterDeadline[key].Value, Is.EqualTo(1m));
            Assert.That(afterDeadline[key].Count, Is.EqualTo(2));
        });
    }

    private static readonly UserContext OwnerContext =
        new("owner", "owner", "hq", [RoleNames.ProcessOwner], new Dictionary<string, string>(), "en");

    private static async Task StartOrderAsync(HttpClient sales, string customer)
    {
        using var started = await sales.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer, region = "east", total = 1000 },
        });
        started.EnsureSuccessStatusCode();
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
