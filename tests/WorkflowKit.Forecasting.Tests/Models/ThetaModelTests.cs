using WorkflowKit.Forecasting.Internal.Models;

namespace WorkflowKit.Forecasting.Tests.Models;

public sealed class ThetaModelTests
{
    /// <summary>
    /// 0, 10, 20 is shorter than two cycles, so it is not adjusted. The grid's α = 0.9 fits best (squared errors
    /// 100 + 11²), giving the level 18.9. The slope is 10, so step 1 is 18.9 + 5 · (1/0.9 − 0.1³/0.9) = 24.45, and
    /// each further step adds half the slope.
    /// </summary>
    [Test]
    public void Forecast_ShortLinearSeries()
    {
        var series = new TrainingSeries(new double[] { 0, 10, 20 }, 0, 12);

        var forecast = new ThetaModel().Forecast(series, 3);

        Assert.That(forecast[0], Is.EqualTo(24.45).Within(1e-9));
        Assert.That(forecast[1], Is.EqualTo(29.45).Within(1e-9));
        Assert.That(forecast[2], Is.EqualTo(34.45).Within(1e-9));
    }

    [Test]
    public void Forecast_SeasonalSeriesKeepsSeason()
    {
        var season = new double[] { 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7 };
        var values = Enumerable.Range(0, 36).Select(t => 100 * season[t % 12]).ToArray();

        var forecast = new ThetaModel().Forecast(new TrainingSeries(values, 0, 12), 12);

        for (var step = 0; step < 12; step++)
        {
            Assert.That(forecast[step], Is.EqualTo(100 * season[step]).Within(1e-6), $"step {step + 1}");
        }
    }
}
