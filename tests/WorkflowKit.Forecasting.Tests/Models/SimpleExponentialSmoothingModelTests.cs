using WorkflowKit.Forecasting.Internal.Models;

namespace WorkflowKit.Forecasting.Tests.Models;

public sealed class SimpleExponentialSmoothingModelTests
{
    /// <summary>Deviations around a level of 100 that repeat every six periods.</summary>
    private static readonly double[] Noise = [2, -3, 1, -1, 3, -2];

    /// <summary>
    /// Eleven noisy periods around 100, then 300. The differences (−5, 4, −2, 4, −5, 4, −5, 4, −2, 4, 197) have the
    /// median 4 and a median absolute deviation of 6. The scale is therefore 1.4826 · 6 / √2 ≈ 6.29 units, and the
    /// spike may move the level by at most 0.9 · 2 · 6.29 ≈ 11.3. The plain form moves it by α · 200.
    /// </summary>
    [Test]
    public void Forecast_SpikeMovesLevelLittle()
    {
        var values = Noisy(100, 11).Append(300).ToArray();
        var series = new TrainingSeries(values, 0, 12);

        var robust = new SimpleExponentialSmoothingModel().Forecast(series, 1)[0];
        var plain = new SimpleExponentialSmoothingModel(robust: false).Forecast(series, 1)[0];

        var scale = SimpleExponentialSmoothingModel.RobustScale(values);
        Assert.That(scale, Is.EqualTo(1.4826 * 6 / Math.Sqrt(2)).Within(1e-9));
        Assert.That(robust, Is.InRange(95.0, 100 + (0.9 * SimpleExponentialSmoothingModel.HuberLimit * scale)));
        Assert.That(plain, Is.GreaterThan(105.0), "the plain level follows the spike");
    }

    /// <summary>
    /// A level shift from 100 to 150 that lasts twelve periods. The robust level moves by a bounded step per
    /// period, and after the twelve periods it is within 5 units of the new level.
    /// </summary>
    [Test]
    public void Forecast_LastingShiftIsFollowed()
    {
        var values = Noisy(100, 24).Concat(Noisy(150, 12)).ToArray();

        var forecast = new SimpleExponentialSmoothingModel().Forecast(new TrainingSeries(values, 0, 12), 1)[0];

        Assert.That(forecast, Is.EqualTo(150).Within(5));
    }

    /// <summary>A constant series has no spread to scale by, so the robust form falls back to the plain one.</summary>
    [Test]
    public void Fit_ConstantSeriesUsesPlainForm()
    {
        double[] values = [40, 40, 40, 40, 40];

        var robust = SimpleExponentialSmoothingModel.Fit(values, robust: true);
        var plain = SimpleExponentialSmoothingModel.Fit(values, robust: false);

        Assert.That(SimpleExponentialSmoothingModel.RobustScale(values), Is.Zero);
        Assert.That(robust, Is.EqualTo(plain));
        Assert.That(robust.Level, Is.EqualTo(40));
    }

    /// <summary>
    /// Three cycles of a seasonal series, the last period spiked to three times its usual value. The seasonally
    /// adjusted model smooths with the robust level, so the next forecast stays near the usual value of its phase.
    /// </summary>
    [Test]
    public void SeasonalForecast_IgnoresSpike()
    {
        double[] season = [0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7];
        var values = Enumerable.Range(0, 36).Select(t => (100 + Noise[t % Noise.Length]) * season[t % 12]).ToArray();
        values[^1] *= 3;

        var forecast = new SeasonallyAdjustedModel().Forecast(new TrainingSeries(values, 0, 12), 1)[0];

        Assert.That(forecast, Is.EqualTo(100 * season[0]).Within(0.1 * 100 * season[0]));
    }

    private static IEnumerable<double> Noisy(double level, int count) =>
        Enumerable.Range(0, count).Select(t => level + Noise[t % Noise.Length]);
}
