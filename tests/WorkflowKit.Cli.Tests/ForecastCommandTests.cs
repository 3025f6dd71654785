using System.Globalization;

namespace WorkflowKit.Cli.Tests;

public sealed class ForecastCommandTests
{
    [Test]
    public async Task Forecast_writes_horizon_rows_per_series()
    {
        var folder = TestPaths.NewTempFolder();
        var input = Path.Combine(folder, "history.csv");
        var output = Path.Combine(folder, "forecast.csv");
        await File.WriteAllLinesAsync(input, MonthlyHistory());

        var run = await CliRun.RunAsync("forecast", "--input", input, "--horizon", "3", "--period", "month",
            "--out", output);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.That(lines[0], Is.EqualTo("period,customer,product,forecast,lower,upper"));
        Assert.That(lines, Has.Length.EqualTo(1 + (2 * 3)));
        Assert.That(lines.Skip(1).Select(line => line.Split(',')[0]).Distinct(),
            Is.EquivalentTo(new[] { "2025-01-01", "2025-02-01", "2025-03-01" }));
    }

    [Test]
    public async Task Forecast_help_explains_period_column()
    {
        var run = await CliRun.RunAsync("forecast", "--help");

        var words = run.Output.Split((char[])[' ', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var help = string.Join(" ", words);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(help, Does.Contain("'period' is the first day of each forecast period (yyyy-MM-dd)."));
        Assert.That(help, Does.Contain("lower and upper are empty for a series with one period of history."));
        Assert.That(help, Does.Contain(
            "To use the output as input, rename 'period' to 'date' and 'forecast' to 'quantity'."));
    }

    [Test]
    public async Task Forecast_rejects_its_own_output_as_input()
    {
        var folder = TestPaths.NewTempFolder();
        var input = Path.Combine(folder, "history.csv");
        var output = Path.Combine(folder, "forecast.csv");
        await File.WriteAllLinesAsync(input, MonthlyHistory());
        await CliRun.RunAsync("forecast", "--input", input, "--horizon", "2", "--out", output);

        var run = await CliRun.RunAsync("forecast", "--input", output, "--horizon", "1");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.StartWith(
            "forecast.csv: Line 1: the header 'period,customer,product,forecast,lower,upper' is that of a forecast " +
            "output file"));
        Assert.That(run.Error, Does.Contain("rename 'period' to 'date' and 'forecast' to 'quantity'"));
    }

    [Test]
    public async Task Forecast_escapes_formula_names_in_out_file()
    {
        var folder = TestPaths.NewTempFolder();
        var input = Path.Combine(folder, "history.csv");
        var output = Path.Combine(folder, "forecast.csv");
        await File.WriteAllLinesAsync(input, MonthlyHistory()
            .Select(line => line.Replace(",,P1,", ",\"=1+2\",@P1,", StringComparison.Ordinal)));

        var run = await CliRun.RunAsync("forecast", "--input", input, "--horizon", "1", "--period", "month",
            "--out", output);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.That(lines, Has.Some.StartsWith("2025-01-01,'=1+2,'@P1,"));
        Assert.That(lines, Has.Some.StartsWith("2025-01-01,,P2,"));
    }

    [Test]
    public async Task Forecast_rejects_quantities_past_decimal_range()
    {
        var folder = TestPaths.NewTempFolder();
        var input = Path.Combine(folder, "huge.csv");
        await File.WriteAllLinesAsync(input,
        [
            "date,product,quantity",
            "2024-01-01,P1,79228162514264337593543950335",
            "2024-01-15,P1,79228162514264337593543950335",
            "2024-02-01,P1,1",
        ]);

        var run = await CliRun.RunAsync("forecast", "--input", input, "--horizon", "1", "--period", "month");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain("huge.csv: The quantities of series 'P1' in the month of 2024-01-01 sum "));
        Assert.That(run.Output, Is.Empty);
    }

    [Test]
    public async Task Forecast_leaves_out_a_partial_last_week()
    {
        // Five full weeks of 10 a day from Monday 2024-01-01, then one day of the sixth week.
        var folder = TestPaths.NewTempFolder();
        var input = Path.Combine(folder, "daily.csv");
        var start = new DateOnly(2024, 1, 1);
        var lines = new List<string> { "date,product,quantity" };
        for (var day = 0; day < (5 * 7) + 1; day++)
        {
            lines.Add(start.AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ",P1,10");
        }

        await File.WriteAllLinesAsync(input, lines);

        var run = await CliRun.RunAsync("forecast", "--input", input, "--horizon", "1", "--period", "week");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Error, Does.Contain("It is left out, and the history up to 2024-02-04 is used."));
        var row = run.OutputLines[1].Split(',');
        Assert.That(row[0], Is.EqualTo("2024-02-05"), "the one-day week of 2024-02-05 is forecast, not used as history");
        Assert.That(decimal.Parse(row[3], CultureInfo.InvariantCulture), Is.EqualTo(70m).Within(1m));
    }

    [Test]
    public async Task Forecast_rejects_unknown_period()
    {
        var run = await CliRun.RunAsync("forecast", "--input", "missing.csv", "--horizon", "3", "--period", "year");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("Invalid period 'year'"));
    }

    [TestCase("5")]
    [TestCase("-1")]
    [TestCase("2")]
    public async Task Forecast_rejects_numeric_period(string period)
    {
        var run = await CliRun.RunAsync("forecast", "--input", "missing.csv", "--horizon", "3", "--period", period);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain($"Invalid period '{period}': use day, week or month."));
    }

    [Test]
    public async Task Forecast_reports_missing_input_file()
    {
        var folder = TestPaths.NewTempFolder();

        var run = await CliRun.RunAsync("forecast", "--input", Path.Combine(folder, "none.csv"), "--horizon", "1");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("none.csv"));
    }

    [Test]
    public async Task Evaluate_prints_model_and_both_baselines()
    {
        var folder = TestPaths.NewTempFolder();
        var input = Path.Combine(folder, "history.csv");
        await File.WriteAllLinesAsync(input, MonthlyHistory());

        var run = await CliRun.RunAsync("forecast", "evaluate", "--input", input, "--period", "month", "--horizon", "2",
            "--origins", "3");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Output, Does.Contain("seasonal-naive"));
        Assert.That(run.Output, Does.Contain("mean-of-last-3"));
    }

    // Three years of a seasonal monthly series for two products, ending in December 2024.
    private static IEnumerable<string> MonthlyHistory()
    {
        yield return "date,customer,product,quantity";
        foreach (var product in new[] { "P1", "P2" })
        {
            for (var month = 0; month < 36; month++)
            {
                var date = new DateOnly(2022, 1, 1).AddMonths(month);
                var quantity = 100 + (10 * Math.Sin(month * Math.PI / 6)) + month;
                yield return string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd},,{product},{quantity:F2}");
            }
        }
    }
}
