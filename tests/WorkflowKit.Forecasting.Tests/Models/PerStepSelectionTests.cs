using WorkflowKit.Forecasting.Internal;

namespace WorkflowKit.Forecasting.Tests.Models;

public sealed class PerStepSelectionTests
{
    private static readonly DateOnly FirstMonth = new(2021, 1, 1);

    [Test]
    public void ChooseByStep_PicksBestCandidatePerStep()
    {
        // Over three origins, "naive" errs by 1, 5 and 9 units at steps 1, 2 and 3, "ses" by 4, 4 and 2: "ses" has
        // the smaller total (30 against 45), but "naive" is better at step 1.
        var backtest = new SeriesBacktest(horizon: 3) { Origins = 3 };
        for (var origin = 0; origin < 3; origin++)
        {
            backtest.Record("naive", [11, 15, 19], [10, 10, 10]);
            backtest.Record("ses", [14, 14, 12], [10, 10, 10]);
        }

        backtest.FinalForecasts = new(StringComparer.Ordinal) { ["naive"] = [1, 1, 1], ["ses"] = [2, 2, 2] };

        var chosen = ModelSelector.Choose([backtest], ModelSelection.PerSeries);
        var byStep = ModelSelector.ChooseByStep([backtest], chosen);

        Assert.That(chosen[0], Is.EqualTo("ses"));
        Assert.That(byStep[0], Is.EqualTo(new[] { "naive", "ses", "ses" }));
    }

    [Test]
    public void ChooseByStep_UnscoredStepKeepsOverallChoice()
    {
        // One step of backtest only, so steps 2 and 3 have no errors to compare.
        var backtest = new SeriesBacktest(horizon: 3) { Origins = 2 };
        for (var origin = 0; origin < 2; origin++)
        {
            backtest.Record("naive", [11, 30, 30], [10]);
            backtest.Record("ses", [14, 10, 10], [10]);
        }

        backtest.FinalForecasts = new(StringComparer.Ordinal) { ["naive"] = [1, 1, 1], ["ses"] = [2, 2, 2] };

        var byStep = ModelSelector.ChooseByStep([backtest], ["ses"]);

        Assert.That(byStep[0], Is.EqualTo(new[] { "naive", "ses", "ses" }));
    }

    /// <summary>
    /// Demand alternates between two levels every month and rises by 3 units a month. A copy of the last month is
    /// then right two steps ahead but wrong by the swing one and three steps ahead, so the best model differs by step.
    /// </summary>
    [Test]
    public void Forecaster_PerStepModelsDifferByStep()
    {
        var noise = SyntheticSales.Noise(36, standardDeviation: 2, seed: 5);
        var values = Enumerable.Range(0, 36).Select(t => 100 + (3.0 * t) + (t % 2 == 0 ? 0 : 40) + noise[t]);
        var history = SyntheticSales.Monthly("A", FirstMonth, values);
        var options = ForecastOptions.Default with { UseFastTree = false };

        var single = new DemandForecaster(options).Forecast(history, Periodicity.Month, 3).Single();
        var perStep = new DemandForecaster(options with { PerStepSelection = true })
            .Forecast(history, Periodicity.Month, 3).Single();

        var stepModels = perStep.Model.StartsWith("per step: ", StringComparison.Ordinal)
            ? perStep.Model["per step: ".Length..].Split(", ")
            : [perStep.Model];
        Assert.That(single.Model, Does.Not.StartWith("per step: "));
        Assert.That(stepModels, Has.Length.EqualTo(3), perStep.Model);
        Assert.That(stepModels.Distinct().Count(), Is.GreaterThan(1), perStep.Model);
        Assert.That(perStep.BacktestAccuracy, Is.GreaterThanOrEqualTo(single.BacktestAccuracy!.Value), perStep.Model);
        Assert.That(
            perStep.Points.Select(point => point.Forecast),
            Is.Not.EqualTo(single.Points.Select(point => point.Forecast)),
            $"{single.Model} against {perStep.Model}");
    }

    [Test]
    public void Options_PerStepWithGlobalRejected()
    {
        var options = ForecastOptions.Default with { PerStepSelection = true, Selection = ModelSelection.Global };

        var error = Assert.Throws<ArgumentException>(() => new DemandForecaster(options));

        Assert.That(error!.Message, Does.StartWith("PerStepSelection chooses models per series and step"));
    }
}
