using WorkflowKit.Forecasting.Internal.Models;

namespace WorkflowKit.Forecasting.Tests.Models;

public sealed class FastTreeModelTests
{
    [Test]
    public void Forecast_SameSeedSameResult()
    {
        var panel = Enumerable.Range(0, 4)
            .Select(series =>
            {
                var noise = SyntheticSales.Noise(48, 5, seed: 20 + series);
                var values = Enumerable.Range(0, 48)
                    .Select(t => 50 + (20 * series) + (15 * Math.Sin(2 * Math.PI * t / 12)) + noise[t])
                    .ToArray();
                return new TrainingSeries(values, 24_000, 12);
            })
            .ToList();

        var first = new FastTreeModel(seed: 1).Forecast(panel, 3);
        var second = new FastTreeModel(seed: 1).Forecast(panel, 3);

        Assert.That(first, Is.Not.Null);
        Assert.That(first!, Has.All.Not.Null);
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Forecast_TooFewRowsSkipped()
    {
        var panel = new[] { new TrainingSeries(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 }, 0, 12) };

        Assert.That(new FastTreeModel(seed: 1).Forecast(panel, 1), Is.Null);
    }
}
