using WorkflowKit.Forecasting.Internal.Models;

namespace WorkflowKit.Forecasting.Tests.Models;

public sealed class OutlierCleaningTests
{
    /// <summary>
    /// The 0 at index 2 has the neighbours 100, 110, 90 and 100 (median 100) and is below 0.4 · 100, so it becomes
    /// 100. The 90 at index 3 has 110, 0, 100 and 10 (median 55) and stays, because it lies between 0.4 · 55 and
    /// 55 / 0.4. The 10 at index 5 has only one value after it and stays.
    /// </summary>
    [Test]
    public void Clean_ReplacesIsolatedDrop()
    {
        double[] values = [100, 110, 0, 90, 100, 10, 95];

        var cleaned = OutlierCleaning.Clean(values, 0.4);

        Assert.That(cleaned, Is.EqualTo(new double[] { 100, 110, 100, 90, 100, 10, 95 }));
        Assert.That(values[2], Is.Zero, "the input is not changed");
    }

    [Test]
    public void Clean_ReplacesIsolatedSpike()
    {
        double[] values = [100, 100, 260, 100, 100];

        Assert.That(OutlierCleaning.Clean(values, 0.4), Is.EqualTo(new double[] { 100, 100, 100, 100, 100 }));
        Assert.That(OutlierCleaning.Clean(values, 0.3), Is.EqualTo(values), "260 is below 100 / 0.3");
    }

    [Test]
    public void Clean_LeavesEdgesAlone()
    {
        double[] values = [0, 500, 100, 100, 100, 100, 100, 500, 0];

        Assert.That(OutlierCleaning.Clean(values, 0.5), Is.EqualTo(values));
    }

    [Test]
    public void Forecast_FitsInnerModelOnCleanedSeries()
    {
        var series = new TrainingSeries(new double[] { 100, 100, 0, 100, 100, 100 }, 0, 12);
        var model = new OutlierCleaning(new MovingAverageModel(6), 0.5);

        Assert.That(model.Name, Is.EqualTo("moving-average-6-cleaned-0.5"));
        Assert.That(model.Forecast(series, 2), Is.EqualTo(new double[] { 100, 100 }));
    }
}
