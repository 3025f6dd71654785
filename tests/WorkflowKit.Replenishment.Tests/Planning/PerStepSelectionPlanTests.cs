using System.Text.Json.Nodes;
using WorkflowKit.Replenishment.Planning;
using WorkflowKit.Replenishment.Tests.Support;

namespace WorkflowKit.Replenishment.Tests.Planning;

public sealed class PerStepSelectionPlanTests
{
    private static readonly DateOnly Today = new(2026, 12, 15);
    private static readonly DateOnly HistoryStart = new(2023, 12, 1);

    [Test]
    public void Settings_PerStepSelectionOnByDefault()
    {
        var settings = ReplenishmentFlowService.ReadSettings([]);

        Assert.That(settings.PerStepSelection, Is.True);
    }

    [TestCase("false")]
    [TestCase(false)]
    public void Settings_PerStepSelectionTurnedOff(object value)
    {
        var input = new JsonObject { ["perStepSelection"] = JsonValue.Create(value) };

        var settings = ReplenishmentFlowService.ReadSettings(input);

        Assert.That(settings.PerStepSelection, Is.False);
    }

    /// <summary>
    /// Demand alternates between two levels every month and rises by 3 units a month, so the best model one month
    /// ahead is not the best two months ahead, and the watch's forecast names a model per month.
    /// </summary>
    [Test]
    public void Plan_PerStepSelectionNamesModelPerMonth()
    {
        var builder = new PlanningDataBuilder().Product("P", leadTimeDays: 60).Batch("B", "P", 100m, "2028-01-01");
        var month = HistoryStart;
        for (var t = 0; month < Today; t++, month = month.AddMonths(1))
        {
            builder.Monthly("P", 100m + (3m * t) + (t % 2 == 0 ? 0m : 40m), month, month.AddMonths(1));
        }

        var data = builder.Build();
        var settings = new ReplenishmentSettings { UseFastTree = false };

        var perStep = ReplenishmentPlanner.Plan(data, Today, settings, CancellationToken.None).Products.Single();
        var single = ReplenishmentPlanner.Plan(
            data, Today, settings with { PerStepSelection = false }, CancellationToken.None).Products.Single();

        Assert.That(perStep.Model, Does.StartWith("per step: "));
        Assert.That(single.Model, Does.Not.StartWith("per step: "));
        Assert.That(perStep.ForecastDemand, Is.Not.EqualTo(single.ForecastDemand), $"{perStep.Model} / {single.Model}");
    }
}
