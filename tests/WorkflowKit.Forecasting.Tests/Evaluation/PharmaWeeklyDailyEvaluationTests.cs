using WorkflowKit.Forecasting.Csv;
using WorkflowKit.Forecasting.Evaluation;

namespace WorkflowKit.Forecasting.Tests.Evaluation;

/// <summary>
/// Weekly and daily accuracy tables of docs/forecasting.md. Explicit because each takes several times longer
/// than the monthly evaluation; run them with <c>--filter "FullyQualifiedName~PharmaWeeklyDaily"</c>.
/// </summary>
[Explicit("Slow: prints the weekly and daily tables of docs/forecasting.md.")]
public sealed class PharmaWeeklyDailyEvaluationTests
{
    [TestCase(Periodicity.Week)]
    [TestCase(Periodicity.Day)]
    public async Task Evaluate_BeatsSeasonalNaive(Periodicity periodicity)
    {
        var path = periodicity == Periodicity.Week ? SharedData.PharmaWeekly : SharedData.PharmaDaily;
        var history = await SalesHistoryCsv.ReadFileAsync(path);

        var report = new ForecastEvaluator().Evaluate(history, periodicity, 3, 12);

        await EvaluationTable.WriteAsync(TestContext.Progress, report, Path.GetFileName(path));
        foreach (var row in report.Horizons)
        {
            Assert.That(row.Model, Is.GreaterThan(row.SeasonalNaive), $"horizon {row.Horizon}");
        }
    }
}
