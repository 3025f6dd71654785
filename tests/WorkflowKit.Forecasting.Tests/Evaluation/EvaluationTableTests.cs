using System.Globalization;
using WorkflowKit.Forecasting.Evaluation;

namespace WorkflowKit.Forecasting.Tests.Evaluation;

public sealed class EvaluationTableTests
{
    [Test]
    public async Task Write_PerStepChoiceOnItsOwnRow()
    {
        var choices = new SortedDictionary<string, int>(StringComparer.Ordinal)
        {
            [EvaluationReport.PerStepChoice] = 1,
            ["ses"] = 3,
        };
        var report = new EvaluationReport(
            Periodicity.Month,
            1,
            [new DateOnly(2019, 1, 1), new DateOnly(2019, 2, 1)],
            2,
            [new HorizonAccuracy(1, 4, 40, 0.9, 0.8, 0.7)],
            [
                new SeriesAccuracy(new SeriesKey(null, "A"), 20, 20, 0.9, 0.8, 0.7),
                new SeriesAccuracy(new SeriesKey(null, "B"), 20, -20, 0.9, 0.8, 0.7),
            ],
            choices);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        await EvaluationTable.WriteAsync(writer, report, "sales.csv");

        var lines = writer.ToString().Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var header = lines.IndexOf(lines.Single(line => line.StartsWith("model chosen", StringComparison.Ordinal)));
        Assert.That(Cells(lines[header + 1]), Is.EqualTo(new[] { "different model per step", "1" }));
        Assert.That(Cells(lines[header + 2]), Is.EqualTo(new[] { "ses", "3" }));
        Assert.That(lines[header + 3], Is.EqualTo("Times are counted over origins and series (2 origins x 2 series)."));
        Assert.That(Cells(lines.Single(line => line.StartsWith("B ", StringComparison.Ordinal)))[1], Is.EqualTo("-20"));
    }

    [Test]
    public async Task Write_OneOriginInTheSingular()
    {
        var report = new EvaluationReport(
            Periodicity.Month,
            1,
            [new DateOnly(2019, 1, 1)],
            1,
            [new HorizonAccuracy(1, 1, 10, 0.9, 0.8, 0.7)],
            [new SeriesAccuracy(new SeriesKey(null, "A"), 10, 10, 0.9, 0.8, 0.7)],
            new SortedDictionary<string, int>(StringComparer.Ordinal) { ["ses"] = 1 });
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        await EvaluationTable.WriteAsync(writer, report, "sales.csv");

        var text = writer.ToString();
        Assert.That(text, Does.Contain("1 series, month grain, 1 origin (last period seen 2019-01-01), horizon 1."));
        Assert.That(text, Does.Contain("(1 origin x 1 series)."));
        Assert.That(text, Does.Not.Contain("1 origins"));
    }

    // Cells are separated by two or more spaces, so that names with one space stay whole.
    private static string[] Cells(string line) =>
        line.Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(cell => cell.Trim()).ToArray();
}
