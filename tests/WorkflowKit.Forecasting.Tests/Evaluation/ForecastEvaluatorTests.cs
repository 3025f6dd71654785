using WorkflowKit.Forecasting.Evaluation;

namespace WorkflowKit.Forecasting.Tests.Evaluation;

public sealed class ForecastEvaluatorTests
{
    private static readonly DateOnly FirstMonth = new(2015, 1, 1);
    private static readonly ForecastOptions WithoutFastTree = new() { UseFastTree = false };

    /// <summary>
    /// The forecast scored at an origin may use only periods up to that origin. Raising the final month by 500
    /// units, far above any forecast, must raise the absolute error by exactly 500 and leave the forecast alone.
    /// </summary>
    [Test]
    public void Evaluate_FutureDoesNotLeakIntoForecast()
    {
        var noise = SyntheticSales.Noise(48, 5, seed: 5);
        var values = Enumerable.Range(0, 48)
            .Select(t => 100 + (20 * Math.Sin(2 * Math.PI * t / 12)) + noise[t])
            .ToArray();
        var raised = values.ToArray();
        raised[^1] += 500;
        var evaluator = new ForecastEvaluator(WithoutFastTree);

        var before = evaluator
            .Evaluate(SyntheticSales.Monthly("A", FirstMonth, values), Periodicity.Month, 1, 1)
            .Horizons[0];
        var after = evaluator
            .Evaluate(SyntheticSales.Monthly("A", FirstMonth, raised), Periodicity.Month, 1, 1)
            .Horizons[0];

        var errorBefore = (1 - before.Model) * before.ActualTotal;
        var errorAfter = (1 - after.Model) * after.ActualTotal;
        Assert.That(after.ActualTotal - before.ActualTotal, Is.EqualTo(500).Within(1e-6));
        // With the same forecast F and actual a, raising a by 500 adds 500 to the error when F <= a, and turns an
        // error of F - a into 500 - (F - a) when F > a. Any other change means the forecast saw the raised month.
        Assert.That(errorAfter, Is.EqualTo(errorBefore + 500).Within(1e-6).Or.EqualTo(500 - errorBefore).Within(1e-6));
    }

    [Test]
    public void Evaluate_SeasonalSeriesBeatsBaselines()
    {
        var noise = SyntheticSales.Noise(60, 4, seed: 9);
        var values = Enumerable.Range(0, 60)
            .Select(t => 150 + (1.5 * t) + (30 * Math.Sin(2 * Math.PI * t / 12)) + noise[t]);

        var report = new ForecastEvaluator(WithoutFastTree)
            .Evaluate(SyntheticSales.Monthly("A", FirstMonth, values), Periodicity.Month, 3, 12);

        Assert.That(report.Horizons, Has.Count.EqualTo(3));
        foreach (var row in report.Horizons)
        {
            Assert.That(row.Points, Is.EqualTo(12));
            Assert.That(row.Model, Is.GreaterThan(row.SeasonalNaive), $"horizon {row.Horizon}");
            Assert.That(row.Model, Is.GreaterThan(row.MeanOfLastThree), $"horizon {row.Horizon}");
        }

        Assert.That(report.ModelChoices.Values.Sum(), Is.EqualTo(12));
    }

    [Test]
    public void Evaluate_TooShortHistoryRejected()
    {
        var history = SyntheticSales.Monthly("A", FirstMonth, Enumerable.Repeat(1.0, 10));

        var exception = Assert.Throws<ArgumentException>(
            () => new ForecastEvaluator(WithoutFastTree).Evaluate(history, Periodicity.Month, 3, 12));

        Assert.That(exception!.Message, Is.EqualTo(
            "The history has 10 month periods, but 12 origins with horizon 3 need at least 16. " +
            "Use at most 6 origins or a shorter horizon."));
    }

    [Test]
    public void Evaluate_NoOriginFitsNamesMinimum()
    {
        var history = SyntheticSales.Monthly("A", FirstMonth, Enumerable.Repeat(1.0, 4));

        var exception = Assert.Throws<ArgumentException>(
            () => new ForecastEvaluator(WithoutFastTree).Evaluate(history, Periodicity.Month, 3, 12));

        Assert.That(exception!.Message, Is.EqualTo(
            "The history has 4 month periods, too few to evaluate horizon 3: at least 5 are needed, 2 up to the " +
            "first origin and 3 to score. Use a longer history, or a horizon of at most 2 with 1 origin."));
    }

    [Test]
    public void Evaluate_OneOriginFitsSingular()
    {
        var history = SyntheticSales.Monthly("A", FirstMonth, Enumerable.Repeat(1.0, 4));

        var exception = Assert.Throws<ArgumentException>(
            () => new ForecastEvaluator(WithoutFastTree).Evaluate(history, Periodicity.Month, 2, 12));

        Assert.That(exception!.Message, Does.EndWith("Use at most 1 origin or a shorter horizon."));
    }

    [Test]
    public void Evaluate_SuggestedOriginsFit()
    {
        var history = SyntheticSales.Monthly("A", FirstMonth, Enumerable.Repeat(1.0, 10));

        var report = new ForecastEvaluator(WithoutFastTree).Evaluate(history, Periodicity.Month, 3, 6);

        Assert.That(report.Horizons[0].Points, Is.EqualTo(6));
    }

    [Test]
    public void Evaluate_LateSeriesScoredOnlyOnceStarted()
    {
        var early = SyntheticSales.Monthly("Early", FirstMonth, Enumerable.Repeat(10.0, 24));
        var late = SyntheticSales.Monthly("Late", FirstMonth.AddMonths(18), Enumerable.Repeat(4.0, 6));

        var report = new ForecastEvaluator(WithoutFastTree).Evaluate([.. early, .. late], Periodicity.Month, 1, 6);

        // Origins are months 17 to 22; the late series exists from month 18 on, so at 5 of the 6 origins.
        Assert.That(report.Horizons[0].Points, Is.EqualTo(6 + 5));
        Assert.That(report.Series.Single(row => row.Series.Product == "Early").Model, Is.EqualTo(1).Within(1e-9));
    }
}
