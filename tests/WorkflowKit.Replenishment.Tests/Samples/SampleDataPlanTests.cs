using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using CsvHelper;
using WorkflowKit.Replenishment.Planning;
using WorkflowKit.Replenishment.Records;
using WorkflowKit.Replenishment.Tests.Support;

namespace WorkflowKit.Replenishment.Tests.Samples;

/// <summary>
/// Runs the planner on the committed sample data (samples/data, generated for 2026-12-01) and checks the
/// relations that must hold between its figures. It prints the short products and the run times that
/// docs/forecasting.md quotes.
/// </summary>
public sealed class SampleDataPlanTests
{
    private static readonly DateOnly SnapshotDate = new(2026, 12, 1);

    [Test]
    public void Plan_SampleDataFiguresAreConsistent()
    {
        var records = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal)
        {
            ["product"] = Read("products.csv"),
            ["stock-batch"] = Read("stock-batches.csv"),
            ["order"] = Read("orders.csv"),
            ["purchase-plan"] = Read("purchase-plans.csv"),
            ["customer"] = Read("customers.csv"),
        };
        var settings = new ReplenishmentSettings();
        var data = PlanningDataMapper.Map(records, settings);

        var watch = Stopwatch.StartNew();
        var plan = ReplenishmentPlanner.Plan(data, SnapshotDate, settings, CancellationToken.None);
        watch.Stop();

        TestContext.Out.WriteLine($"{plan.Products.Count} products planned in {watch.Elapsed.TotalSeconds:F1} s; short:");
        foreach (var p in plan.Shortfalls)
        {
            TestContext.Out.WriteLine(
                $"{p.Product} lead {p.LeadTimeDays} d, demand {p.ForecastDemand}, usable {p.UsableStock}, covered " +
                $"{p.CoveredByStock}, incoming {p.IncomingQuantity}, shortfall {p.Shortfall}, suggested " +
                $"{p.SuggestedQuantity}, {p.Confirmations.Count} customers to confirm, model {p.Model}");
        }

        watch.Restart();
        var smoothingOnly = ReplenishmentPlanner.Plan(
            data, SnapshotDate, settings with { UseFastTree = false }, CancellationToken.None);
        TestContext.Out.WriteLine(
            $"Without FastTree: {watch.Elapsed.TotalSeconds:F1} s, short: " +
            string.Join(", ", smoothingOnly.Shortfalls.Select(p => $"{p.Product} {p.Shortfall}/{p.SuggestedQuantity}")));

        var oneFloor = ReplenishmentPlanner.Plan(
            data with { Customers = [] }, SnapshotDate, settings with { UseFastTree = false }, CancellationToken.None);
        TestContext.Out.WriteLine(
            $"Without FastTree, every customer at the default {settings.MinShelfLifeDays} days: short: " +
            string.Join(", ", oneFloor.Shortfalls.Select(p => $"{p.Product} {p.Shortfall}/{p.SuggestedQuantity}")));

        Assert.That(plan.Products, Has.Count.EqualTo(data.Products.Count(p => p.Active)));
        foreach (var p in plan.Products)
        {
            Assert.Multiple(() =>
            {
                Assert.That(p.CoveredByStock, Is.LessThanOrEqualTo(p.UsableStock), p.Product);
                Assert.That(p.CoveredByStock, Is.LessThanOrEqualTo(p.ForecastDemand), p.Product);
                Assert.That(p.SuggestedQuantity, Is.GreaterThanOrEqualTo(p.Shortfall), p.Product);
                Assert.That(p.Shortfall, Is.EqualTo(Math.Max(0m,
                    Math.Ceiling(decimal.Round(p.ForecastDemand - p.CoveredByStock - p.IncomingQuantity, 2)))).Within(1m),
                    p.Product);
                Assert.That(p.Confirmations.Select(c => c.ForecastQuantity > c.RecentQuantity), Is.All.True, p.Product);
            });
        }
    }

    private static List<JsonObject> Read(string file)
    {
        using var reader = new StreamReader(Path.Combine(TestPaths.RepositoryRoot, "samples", "data", file));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<JsonObject>();
        while (csv.Read())
        {
            var row = new JsonObject();
            foreach (var column in header)
            {
                var value = csv.GetField(column) ?? string.Empty;
                row[column] = column == "lines" && value.Length > 0 ? JsonNode.Parse(value) : value;
            }

            rows.Add(row);
        }

        return rows;
    }
}
