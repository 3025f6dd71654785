using WorkflowKit.Forecasting.Evaluation;

namespace WorkflowKit.Forecasting.Tests;

/// <summary>
/// The per-series choice between the model and the baselines (<see cref="ForecastOptions.CompareWithBaselines"/>).
/// </summary>
public sealed class BaselineSelectionTests
{
    private static readonly DateOnly FirstMonth = new(2024, 1, 1);

    /// <summary>
    /// An irregular yearly pattern that repeats exactly, so that the same month last year is always right. With
    /// fewer than 24 months no seasonal smoothing model can run, and the candidates' backtest, whose first origins
    /// have less than a year of history, cannot pick seasonal naive either.
    /// </summary>
    private static readonly double[] Pattern = [10, 80, 15, 60, 5, 90, 20, 70, 10, 85, 30, 50];

    [Test]
    public void RepeatingPattern_SeasonalNaiveBeatsModel()
    {
        var history = Repeating(22);

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 3).Single();
        var modelOnly = new DemandForecaster(ForecastOptions.Default with { CompareWithBaselines = false })
            .Forecast(history, Periodicity.Month, 3).Single();

        // Months 22 to 24 of the pattern are its 11th, 12th and 1st month.
        Assert.That(forecast.Method, Is.EqualTo(ForecastMethod.SeasonalNaive));
        Assert.That(forecast.Model, Is.EqualTo("seasonal-naive"));
        Assert.That(forecast.Points.Select(point => point.Forecast), Is.EqualTo(new[] { 30.0, 50.0, 10.0 }));
        Assert.That(forecast.BacktestAccuracy, Is.EqualTo(1.0));
        Assert.That(modelOnly.Method, Is.EqualTo(ForecastMethod.Model));
        Assert.That(modelOnly.Model, Is.Not.EqualTo("seasonal-naive"));
        Assert.That(modelOnly.Points[0].Forecast, Is.Not.EqualTo(30.0).Within(1.0), $"model {modelOnly.Model}");
    }

    /// <summary>
    /// A baseline replaces the model only after 6 origins with a year of history each. 17 months give origins with
    /// 12 to 16 months of history, 5 of them. 18 months give 6.
    /// </summary>
    [TestCase(17, ForecastMethod.Model)]
    [TestCase(18, ForecastMethod.SeasonalNaive)]
    public void ShortSeries_NeedsSixOrigins(int months, ForecastMethod expected)
    {
        var forecast = new DemandForecaster().Forecast(Repeating(months), Periodicity.Month, 3).Single();

        Assert.That(forecast.Method, Is.EqualTo(expected), $"model {forecast.Model}");
    }

    [Test]
    public void LinearTrend_ModelKept()
    {
        // A straight line over 30 months, too short for the seasonal models, so the baselines compete. Damped Holt
        // follows the line, while seasonal naive lags a year behind and the mean of the last three periods one period.
        var history = SyntheticSales.Monthly("A", FirstMonth, Enumerable.Range(0, 30).Select(t => 100.0 + (5 * t)));

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 3).Single();

        Assert.That(forecast.Method, Is.EqualTo(ForecastMethod.Model));
        Assert.That(forecast.Points[0].Forecast, Is.EqualTo(250.0).Within(5.0), $"model {forecast.Model}");
    }

    [Test]
    public void Evaluator_CountsBaselineChoices()
    {
        // The two origins see 21 and 22 months, too few for the model to find the pattern, as above.
        var history = Repeating(25);

        var report = new ForecastEvaluator().Evaluate(history, Periodicity.Month, horizon: 3, origins: 2);
        var modelOnly = new ForecastEvaluator(ForecastOptions.Default with { CompareWithBaselines = false })
            .Evaluate(history, Periodicity.Month, horizon: 3, origins: 2);

        Assert.That(report.Horizons.Select(row => row.Model), Is.All.EqualTo(1.0));
        Assert.That(report.ModelChoices, Is.EqualTo(new Dictionary<string, int>
        {
            [EvaluationReport.BaselineChoice(ForecastMethod.SeasonalNaive)] = 2,
        }));
        Assert.That(modelOnly.Horizons.Select(row => row.Model), Has.Some.LessThan(0.9));
    }

    private static List<SalesObservation> Repeating(int months) =>
        SyntheticSales.Monthly("A", FirstMonth, Enumerable.Range(0, months).Select(t => Pattern[t % 12]));
}
