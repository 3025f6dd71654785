using WorkflowKit.Forecasting.Csv;
namespace WorkflowKit.Forecasting.Tests;

public sealed class DemandForecasterTests
{
    private static readonly DateOnly FirstMonth = new(2019, 1, 1);

    /// <summary>
    /// Monthly demand with a linear trend of 2 units a month, a yearly season and normal noise with σ = 4:
    /// additive y(t) = 200 + 2t + 40·sin(2πt/12) + ε, or multiplicative
    /// y(t) = (200 + 2t)·(1 + 0.2·sin(2πt/12)) + ε.
    /// Six years are known. Each forecast must lie within 3σ = 12 units of the noise-free value, and the mean
    /// absolute deviation over the six steps within 1.5σ = 6: a model that had learned the level, trend and season
    /// would be off only by its estimate of the level, whose error is a fraction of σ because many noisy periods
    /// are averaged.
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public void SeasonalTrend_WithinNoiseTolerance(bool multiplicative)
    {
        const int known = 72;
        const int horizon = 6;
        const double sigma = 4;
        double Expected(int t) => multiplicative
            ? (200 + (2.0 * t)) * (1 + (0.2 * Math.Sin(2 * Math.PI * t / 12)))
            : 200 + (2.0 * t) + (40 * Math.Sin(2 * Math.PI * t / 12));
        var noise = SyntheticSales.Noise(known, sigma, seed: 7);
        var values = Enumerable.Range(0, known).Select(t => Expected(t) + noise[t]);
        var history = SyntheticSales.Monthly("A", FirstMonth, values);

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, horizon).Single();

        var deviations = forecast.Points
            .Select((point, step) => Math.Abs(point.Forecast - Expected(known + step)))
            .ToList();
        Assert.That(deviations, Has.All.LessThanOrEqualTo(3 * sigma), $"model {forecast.Model}");
        Assert.That(deviations.Average(), Is.LessThanOrEqualTo(1.5 * sigma), $"model {forecast.Model}");
        Assert.That(forecast.Points[0].PeriodStart, Is.EqualTo(FirstMonth.AddMonths(known)));
        Assert.That(forecast.Points.Select(point => point.PeriodStart), Is.Ordered.Ascending);
    }

    /// <summary>
    /// Demand arrives every 2 to 4 periods (uniformly, mean 3) with sizes 3 to 5 (mean 4), so the long-run demand
    /// rate is 4 / 3 per period. A sensible intermittent forecast is a flat rate near that value, never a copy of
    /// the last spike or of the last zero.
    /// </summary>
    [Test]
    public void Intermittent_ForecastsDemandRate()
    {
        var random = new Random(11);
        var values = new double[72];
        for (var t = random.Next(0, 3); t < values.Length; t += random.Next(2, 5))
        {
            values[t] = random.Next(3, 6);
        }

        var history = SyntheticSales.Monthly("Slow mover", FirstMonth, values);
        const double rate = 4.0 / 3.0;

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 6).Single();

        Assert.That(forecast.Model, Is.AnyOf("croston-sba", "ses", "moving-average-12"));
        Assert.That(forecast.Points.Select(point => point.Forecast), Has.All.InRange(0.5 * rate, 1.5 * rate));
        Assert.That(forecast.Points.Select(point => point.Lower), Has.All.GreaterThanOrEqualTo(0.0));
    }

    [Test]
    public void SparseDailyReturns_NeverNegative()
    {
        var start = new DateOnly(2024, 1, 1);
        var history = Enumerable.Range(0, 60)
            .Where(day => day % 9 == 0)
            .Select(day => new SalesObservation(start.AddDays(day), "C1", "Kit", day % 2 == 0 ? 5 : -6))
            .ToList();

        var forecasts = new DemandForecaster().Forecast(history, Periodicity.Day, 14);

        var points = forecasts.Single().Points;
        Assert.That(points.Select(point => point.Forecast), Has.All.GreaterThanOrEqualTo(0.0));
        Assert.That(points.Select(point => point.Lower), Has.All.GreaterThanOrEqualTo(0.0));
        Assert.That(points.Select(point => point.Upper), Has.All.GreaterThanOrEqualTo(0.0));
    }

    [Test]
    public void ReturnsOnly_ForecastZeroWithNote()
    {
        var history = SyntheticSales.Monthly("Recalled", FirstMonth, Enumerable.Repeat(-12.0, 30));

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 3).Single();

        Assert.That(forecast.Points.Select(point => point.Forecast), Has.All.EqualTo(0.0));
        Assert.That(forecast.Note, Does.StartWith(
            "The history has returns but no sales (30 periods have a negative net quantity), so demand is " +
            "forecast as 0, and lower and upper are 0 too."));
        Assert.That(forecast.Note, Does.Contain("Negative quantities are treated as returns"));
    }

    /// <summary>
    /// Returns that vary from period to period give the models a backtest error. The interval around the forecast
    /// of 0 must still be 0 to 0, because the series never sold anything.
    /// </summary>
    [Test]
    public void ReturnsOnly_IntervalIsZero()
    {
        double[] cycle = [-20, -2, 0];
        var values = Enumerable.Range(0, 30).Select(t => cycle[t % 3]);
        var history = SyntheticSales.Monthly("Recalled", FirstMonth, values);

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 3).Single();

        Assert.That(forecast.Model, Is.EqualTo("zero"));
        Assert.That(forecast.BacktestAccuracy, Is.Null);
        Assert.That(forecast.Points.Select(point => point.Forecast), Has.All.EqualTo(0.0));
        Assert.That(forecast.Points.Select(point => point.Lower), Has.All.EqualTo(0.0));
        Assert.That(forecast.Points.Select(point => point.Upper), Has.All.EqualTo(0.0));
    }

    [Test]
    public void SomeNetReturns_NoteCountsPeriods()
    {
        var values = Enumerable.Range(0, 30).Select(t => t % 10 == 4 ? -3.0 : 20.0);
        var history = SyntheticSales.Monthly("Kit", FirstMonth, values);

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 1).Single();

        Assert.That(forecast.Note, Does.StartWith("3 periods have more returns than sales"));
    }

    [Test]
    public void SalesOnly_NoNote()
    {
        var history = SyntheticSales.Monthly("Kit", FirstMonth, Enumerable.Range(0, 30).Select(t => 20.0 + (t % 4)));

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 1).Single();

        Assert.That(forecast.Note, Is.Null);
    }

    /// <summary>
    /// A history that repeats one quantity gives every model a backtest error of zero, so the interval has no width.
    /// The note explains it, also for the two-period history that the fallback model forecasts.
    /// </summary>
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(30)]
    public void ConstantHistory_ZeroWidthIsNoted(int periods)
    {
        var history = SyntheticSales.Monthly("Kit", FirstMonth, Enumerable.Repeat(20.0, periods));

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 3).Single();

        Assert.That(forecast.Points.Select(point => point.Forecast), Has.All.EqualTo(20.0).Within(1e-9));
        Assert.That(forecast.Points.Select(point => point.Lower), Is.EqualTo(forecast.Points.Select(point => point.Forecast)));
        Assert.That(forecast.Points.Select(point => point.Upper), Is.EqualTo(forecast.Points.Select(point => point.Forecast)));
        Assert.That(forecast.Note, Is.EqualTo(
            $"All {periods} periods of the history have the same quantity, 20, so there is no variation to estimate " +
            "a prediction interval from, and lower and upper equal the forecast. The interval has no width because " +
            "the history does not vary, not because future demand is certain."));
    }

    [Test]
    public void ConstantFractionalHistory_NoteNamesQuantity()
    {
        var history = SyntheticSales.Monthly("Reagent", FirstMonth, Enumerable.Repeat(0.25, 12));

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 1).Single();

        Assert.That(forecast.Note, Does.StartWith("All 12 periods of the history have the same quantity, 0.25, so "));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(30)]
    public void AllZeroHistory_ZeroIntervalIsNoted(int periods)
    {
        var history = SyntheticSales.Monthly("Kit", FirstMonth, Enumerable.Repeat(0.0, periods));

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 2).Single();

        Assert.That(forecast.Model, Is.EqualTo("zero"));
        Assert.That(forecast.Points.Select(point => point.Forecast), Has.All.EqualTo(0.0));
        Assert.That(forecast.Points.Select(point => point.Lower), Has.All.EqualTo(0.0));
        Assert.That(forecast.Points.Select(point => point.Upper), Has.All.EqualTo(0.0));
        Assert.That(forecast.Note, Is.EqualTo(
            "Every period of the history is 0, so demand is forecast as 0, and lower and upper are 0 too. The " +
            "interval has no width because the history does not vary, not because no order can come."));
    }

    /// <summary>A history that varies only once still gets an interval with width and no note.</summary>
    [Test]
    public void NearlyConstantHistory_HasWidthWithoutNote()
    {
        var history = SyntheticSales.Monthly("Kit", FirstMonth, [20, 20, 21]);

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 1).Single();

        Assert.That(forecast.Points[0].Upper, Is.GreaterThan(forecast.Points[0].Lower!.Value));
        Assert.That(forecast.Note, Is.Null);
    }

    [Test]
    public void FractionalQuantities_KeptFractional()
    {
        var history = SyntheticSales.Monthly("Reagent", FirstMonth, Enumerable.Repeat(0.25, 30));

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 3).Single();

        Assert.That(forecast.Points.Select(point => point.Forecast), Has.All.EqualTo(0.25).Within(1e-9));
    }

    [Test]
    public void OnePoint_RepeatsItWithoutInterval()
    {
        var history = SyntheticSales.Monthly("New", FirstMonth, [7.5]);

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 3).Single();

        Assert.That(forecast.Model, Is.EqualTo("moving-average-3"));
        Assert.That(forecast.BacktestAccuracy, Is.Null);
        Assert.That(forecast.Points.Select(point => point.Forecast), Has.All.EqualTo(7.5));
        Assert.That(forecast.Points.Select(point => point.Lower), Has.All.Null);
        Assert.That(forecast.Points.Select(point => point.Upper), Has.All.Null);
        Assert.That(forecast.Note, Is.EqualTo(
            "The history has only 1 period, so there is no variation to estimate a prediction interval from, and " +
            "lower and upper are left empty. The forecast repeats that period. From 2 periods on, an interval is " +
            "given."));
    }

    [Test]
    public void OneReturnPeriod_ZeroWithoutSinglePeriodNote()
    {
        var history = SyntheticSales.Monthly("New", FirstMonth, [-4]);

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 1).Single();

        Assert.That(forecast.Model, Is.EqualTo("zero"));
        Assert.That(forecast.Points[0].Lower, Is.EqualTo(0.0));
        Assert.That(forecast.Points[0].Upper, Is.EqualTo(0.0));
        Assert.That(forecast.Note, Does.StartWith("The history has returns but no sales (1 period has"));
        Assert.That(forecast.Note, Does.Not.Contain("only 1 period"));
    }

    [Test]
    public void TwoPoints_ForecastMeanWithInterval()
    {
        var history = SyntheticSales.Monthly("New", FirstMonth, [4, 8]);

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 2).Single();

        Assert.That(forecast.Model, Is.EqualTo("moving-average-3"));
        Assert.That(forecast.Points.Select(point => point.Forecast), Has.All.EqualTo(6.0));
        Assert.That(forecast.Points.Select(point => point.Lower), Has.All.LessThan(6.0));
        Assert.That(forecast.Points.Select(point => point.Upper), Has.All.GreaterThan(6.0));
        Assert.That(forecast.Note, Is.Null);
    }

    [Test]
    public void ThreePoints_ChoosesByBacktest()
    {
        var history = SyntheticSales.Monthly("New", FirstMonth, [4, 8, 5]);

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 2).Single();

        Assert.That(forecast.Model, Is.AnyOf("naive", "moving-average-3"));
        Assert.That(forecast.BacktestAccuracy, Is.Not.Null);
        Assert.That(forecast.Points.Select(point => point.Forecast), Has.All.InRange(4.0, 8.0));
    }

    /// <summary>
    /// The pharma-sales monthly file records 2017-01 as 0 for every product, a recording fault (its daily file
    /// has normal sales then). FastTree learned from that month as a target, so before it trained on the cleaned
    /// history it forecast 52 units of M01AB for 2019-01 against Januaries of 128 to 172 in the other years.
    /// </summary>
    [Test]
    public async Task RecordingFault_DoesNotDragForecast()
    {
        var history = await SalesHistoryCsv.ReadFileAsync(SharedData.PharmaMonthly);

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 3)
            .Single(series => series.Series.Product == "M01AB");

        var january = forecast.Points[0];
        Assert.That(january.PeriodStart, Is.EqualTo(new DateOnly(2019, 1, 1)));
        Assert.That(january.Forecast, Is.GreaterThan(0.7 * 128), forecast.Model);
    }

    [Test]
    public void AllZero_ForecastsZero()
    {
        var history = SyntheticSales.Monthly("Dead", FirstMonth, new double[30]);

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 3).Single();

        Assert.That(forecast.Model, Is.EqualTo("zero"));
        Assert.That(forecast.Points.Select(point => point.Forecast), Has.All.EqualTo(0.0));
        Assert.That(forecast.Points.Select(point => point.Lower), Has.All.EqualTo(0.0));
        Assert.That(forecast.Points.Select(point => point.Upper), Has.All.EqualTo(0.0));
    }

    [Test]
    public void Intervals_ContainForecast()
    {
        var noise = SyntheticSales.Noise(40, 10, seed: 3);
        var history = SyntheticSales.Monthly("A", FirstMonth, noise.Select(value => 100 + value));

        var forecast = new DemandForecaster(new ForecastOptions { UseFastTree = false })
            .Forecast(history, Periodicity.Month, 4)
            .Single();

        foreach (var point in forecast.Points)
        {
            Assert.That(point.Lower, Is.LessThan(point.Forecast), $"{point.PeriodStart}");
            Assert.That(point.Upper, Is.GreaterThan(point.Forecast), $"{point.PeriodStart}");
        }
    }

    [Test]
    public void Interval_WidthNeverShrinksAhead()
    {
        var history = SyntheticSales.Monthly("Mix", FirstMonth, [10, -30, 12, 11]);

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Month, 3).Single();

        var widths = forecast.Points.Select(point => point.Upper!.Value - point.Forecast).ToList();
        for (var step = 1; step < widths.Count; step++)
        {
            Assert.That(widths[step], Is.GreaterThanOrEqualTo(widths[step - 1]), $"step {step + 1}");
        }
    }

    [Test]
    public void Weekly_PeriodsStartOnMonday()
    {
        var start = new DateOnly(2024, 1, 3);
        var history = Enumerable.Range(0, 120)
            .Select(day => new SalesObservation(start.AddDays(day), null, "A", 3))
            .ToList();

        var forecast = new DemandForecaster().Forecast(history, Periodicity.Week, 3).Single();

        Assert.That(forecast.Points.Select(point => point.PeriodStart.DayOfWeek), Has.All.EqualTo(DayOfWeek.Monday));
        Assert.That(forecast.Points[0].PeriodStart, Is.GreaterThan(history[^1].Date));
        Assert.That(forecast.Points[1].PeriodStart, Is.EqualTo(forecast.Points[0].PeriodStart.AddDays(7)));
    }

    [Test]
    public void Panel_SameInputSameForecast()
    {
        var history = new List<SalesObservation>();
        for (var product = 0; product < 6; product++)
        {
            var noise = SyntheticSales.Noise(60, 8, seed: product);
            history.AddRange(SyntheticSales.Monthly(
                $"P{product}",
                FirstMonth,
                Enumerable.Range(0, 60)
                    .Select(t => 100 + (10 * product) + (30 * Math.Cos(2 * Math.PI * t / 12)) + noise[t])));
        }

        // Three backtest origins keep the run short; FastTree still trains at each of them and at the end.
        var options = new ForecastOptions { BacktestOrigins = 3 };
        var first = new DemandForecaster(options).Forecast(history, Periodicity.Month, 3);
        var second = new DemandForecaster(options).Forecast(history, Periodicity.Month, 3);

        Assert.That(second.Select(forecast => forecast.Model), Is.EqualTo(first.Select(forecast => forecast.Model)));
        Assert.That(
            second.SelectMany(forecast => forecast.Points),
            Is.EqualTo(first.SelectMany(forecast => forecast.Points)));
    }

    [Test]
    public void Empty_GivesNoForecasts()
    {
        Assert.That(new DemandForecaster().Forecast([], Periodicity.Month, 3), Is.Empty);
    }

    [Test]
    public void ZeroHorizon_Rejected()
    {
        var history = SyntheticSales.Monthly("A", FirstMonth, [1, 2, 3]);

        Assert.Throws<ArgumentOutOfRangeException>(
            () => new DemandForecaster().Forecast(history, Periodicity.Month, 0));
    }

    [Test]
    public void EmptyProduct_Rejected()
    {
        var history = new[] { new SalesObservation(FirstMonth, "C1", " ", 1) };

        var exception = Assert.Throws<ArgumentException>(
            () => new DemandForecaster().Forecast(history, Periodicity.Month, 1));

        Assert.That(exception!.Message, Does.Contain("Observation 1 (2019-01-01) has an empty product"));
    }
}
