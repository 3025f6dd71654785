using System.Globalization;
using WorkflowKit.Forecasting.Csv;
using WorkflowKit.Forecasting.Evaluation;

namespace WorkflowKit.Forecasting.Tests.Evaluation;

/// <summary>
/// The accuracy table of docs/forecasting.md: pharma-sales monthly, 12 rolling origins whose last seen months
/// run from 2017-10 to 2018-09, horizons 1 to 3, so the scored months are 2017-11 to 2018-12.
/// </summary>
public sealed class PharmaMonthlyEvaluationTests
{
    private const int Horizon = 3;
    private const int Origins = 12;

    /// <summary>Accuracy reached per horizon (also in docs/forecasting.md), less a margin of 0.005.</summary>
    private static readonly double[] ClaimedAccuracy = [0.858 - 0.005, 0.824 - 0.005, 0.805 - 0.005];

    private EvaluationReport _report = null!;
    private string[][] _rows = null!;

    [OneTimeSetUp]
    public async Task EvaluateOnce()
    {
        var path = SharedData.PharmaMonthly;
        _rows = File.ReadAllLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .ToArray();
        var history = await SalesHistoryCsv.ReadFileAsync(path);

        _report = new ForecastEvaluator().Evaluate(history, Periodicity.Month, Horizon, Origins);

        await EvaluationTable.WriteAsync(TestContext.Progress, _report, Path.GetFileName(path));
    }

    [Test]
    public void Origins_EndBeforeLastMonths()
    {
        Assert.That(_report.Origins, Has.Count.EqualTo(Origins));
        Assert.That(_report.Origins[0], Is.EqualTo(new DateOnly(2017, 10, 1)));
        Assert.That(_report.Origins[^1], Is.EqualTo(new DateOnly(2018, 9, 1)));
        Assert.That(_report.Horizons.Select(row => row.Points), Has.All.EqualTo(Origins * 8));
    }

    [Test]
    public void Model_ReachesClaimedAccuracy()
    {
        for (var step = 0; step < Horizon; step++)
        {
            Assert.That(
                _report.Horizons[step].Model,
                Is.GreaterThanOrEqualTo(ClaimedAccuracy[step]),
                $"horizon {step + 1}");
        }
    }

    [Test]
    public void Model_BeatsBothBaselines()
    {
        foreach (var row in _report.Horizons)
        {
            Assert.That(row.Model, Is.GreaterThan(row.SeasonalNaive + 0.02), $"horizon {row.Horizon} vs seasonal");
            Assert.That(row.Model, Is.GreaterThan(row.MeanOfLastThree + 0.02), $"horizon {row.Horizon} vs mean of 3");
        }
    }

    /// <summary>Recomputes both baselines straight from the file, pooling absolute errors over all products.</summary>
    [Test]
    public void Baselines_MatchIndependentComputation()
    {
        var firstOrigin = _rows.Length - Horizon - Origins;
        for (var step = 1; step <= Horizon; step++)
        {
            double actual = 0, seasonalError = 0, meanError = 0;
            for (var origin = firstOrigin; origin < firstOrigin + Origins; origin++)
            {
                for (var column = 1; column < _rows[0].Length; column++)
                {
                    double Value(int month) => double.Parse(_rows[month][column], CultureInfo.InvariantCulture);
                    var target = Value(origin + step);
                    actual += Math.Abs(target);
                    seasonalError += Math.Abs(target - Value(origin + step - 12));
                    meanError += Math.Abs(target - ((Value(origin) + Value(origin - 1) + Value(origin - 2)) / 3));
                }
            }

            var row = _report.Horizons[step - 1];
            Assert.That(row.ActualTotal, Is.EqualTo(actual).Within(1e-6), $"horizon {step}");
            Assert.That(row.SeasonalNaive, Is.EqualTo(1 - (seasonalError / actual)).Within(1e-9), $"horizon {step}");
            Assert.That(row.MeanOfLastThree, Is.EqualTo(1 - (meanError / actual)).Within(1e-9), $"horizon {step}");
        }
    }
}
