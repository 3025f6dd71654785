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
    public async Task Forecast_rejects_ambiguous_year_last_dates()
    {
        var folder = TestPaths.NewTempFolder();
        var input = Path.Combine(folder, "ymd.csv");
        await File.WriteAllLinesAsync(input,
        [
            "date,customer,product,quantity",
            "1/5/2026,R,K,10",
            "2/5/2026,R,K,12",
            "3/5/2026,R,K,9",
        ]);

        var run = await CliRun.RunAsync("forecast", "--input", input, "--horizon", "1", "--period", "month");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Output, Is.Empty);
        Assert.That(run.Error, Does.Contain(
            "ymd.csv: Line 2, column 'date': '1/5/2026' has the year last and may be 2026-05-01 (day/month/year) " +
            "or 2026-01-05 (month/day/year)"));
        Assert.That(run.Error, Does.Contain("ymd.csv: Line 4, column 'date': '3/5/2026'"));
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

    [Test]
    public async Task Forecast_lists_every_bad_row()
    {
        var folder = TestPaths.NewTempFolder();
        var input = Path.Combine(folder, "bad-rows.csv");
        var output = Path.Combine(folder, "forecast.csv");
        await File.WriteAllLinesAsync(input,
        [
            "date,customer,product,quantity",
            "2024-01-15,C1,P1,10",
            "2024-02-30,C1,P1,5",
            "2024-03-15,C1,P1,abc",
            "2024-04-15,C1,,7",
            ",C1,P1,3",
            "2024-05-15,C1,P1,1e3",
            "2024-06-15,C1,P1",
            "2024-07-15,C1,P1, 12",
            "2024-08-15,\"C1,P1,9",
        ]);

        var run = await CliRun.RunAsync("forecast", "--input", input, "--horizon", "2", "--out", output);

        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(lines, Has.Length.EqualTo(7), run.Error);
        Assert.That(lines[0], Does.StartWith("bad-rows.csv: Line 3, column 'date': '2024-02-30' is not a valid date."));
        Assert.That(lines[1], Does.StartWith("bad-rows.csv: Line 4, column 'quantity': 'abc' is not a valid quantity."));
        Assert.That(lines[2], Is.EqualTo(
            "bad-rows.csv: Line 5, column 'product': the product is empty. Every row needs a product code or name."));
        Assert.That(lines[3], Does.StartWith("bad-rows.csv: Line 6, column 'date': '' is not a valid date."));
        Assert.That(lines[4], Does.StartWith("bad-rows.csv: Line 8: expected 4 fields as in the header, but found 3"));
        Assert.That(lines[5], Does.StartWith("bad-rows.csv: Line 10: a quoted field is not closed"));
        Assert.That(lines[6], Is.EqualTo(
            "bad-rows.csv: 6 rows are invalid, with 6 errors in all (9 data rows read), so nothing was read from the " +
            "file. Correct the rows listed above and run the command again."));
        Assert.That(File.Exists(output), Is.False, "no output file");
    }

    [Test]
    public async Task Forecast_bad_rows_listed_up_to_limit()
    {
        var folder = TestPaths.NewTempFolder();
        var input = Path.Combine(folder, "many-bad.csv");
        var rows = Enumerable.Range(1, 25).Select(day => $"2024-01-{day:00},C1,P1,x{day}");
        await File.WriteAllLinesAsync(input, ["date,customer,product,quantity", .. rows]);

        var run = await CliRun.RunAsync("forecast", "--input", input, "--horizon", "1");

        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(lines, Has.Length.EqualTo(22), run.Error);
        Assert.That(lines[19], Does.StartWith("many-bad.csv: Line 21, column 'quantity': 'x20' is not a valid quantity."));
        Assert.That(lines[20], Is.EqualTo("... and 5 more errors."));
        Assert.That(lines[21], Does.StartWith("many-bad.csv: 25 rows are invalid, with 25 errors in all (25 data rows read)"));
        Assert.That(run.Output, Is.Empty, "no forecast printed");
    }

    [Test]
    public async Task Forecast_merges_names_with_invisible_characters()
    {
        var folder = TestPaths.NewTempFolder();
        var input = Path.Combine(folder, "unicode.csv");
        // The second and fourth rows add a zero-width space (U+200B) and a byte order mark (U+FEFF) to the product, the
        // third writes the customer's "é" as "e" and a combining accent, and the last one pads both with spaces.
        await File.WriteAllLinesAsync(input,
        [
            "date,customer,product,quantity",
            "2024-01-01,Hôpital Ruijin,试剂盒A,5",
            "2024-02-01,Hôpital Ruijin,试剂盒A\u200B,6",
            "2024-03-01,Ho\u0302pital Ruijin,试剂盒A,7",
            "2024-04-01,Hôpital Ruijin,\uFEFF试剂盒A,8",
            "2024-05-01, Hôpital Ruijin , 试剂盒A ,9",
        ]);

        var run = await CliRun.RunAsync("forecast", "--input", input, "--horizon", "1");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines, Has.Count.EqualTo(2), run.Output);
        Assert.That(run.OutputLines[1], Does.StartWith("2024-06-01,Hôpital Ruijin,试剂盒A,"));
    }

    [Test]
    public async Task Forecast_names_baseline_that_beat_model()
    {
        // 22 months of a pattern that repeats every year, too short for the seasonal models, so seasonal naive wins.
        var folder = TestPaths.NewTempFolder();
        var input = Path.Combine(folder, "pattern.csv");
        var output = Path.Combine(folder, "forecast.csv");
        double[] pattern = [10, 80, 15, 60, 5, 90, 20, 70, 10, 85, 30, 50];
        var rows = Enumerable.Range(0, 22).Select(month => string.Create(
            CultureInfo.InvariantCulture, $"{new DateOnly(2023, 1, 1).AddMonths(month):yyyy-MM-dd},,P1,{pattern[month % 12]}"));
        await File.WriteAllLinesAsync(input, ["date,customer,product,quantity", .. rows]);

        var run = await CliRun.RunAsync("forecast", "--input", input, "--horizon", "1", "--out", output);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.OutputLines, Does.Contain("P1: seasonal-naive (a baseline that beat the model, backtest accuracy 100.0%)"));
        Assert.That((await File.ReadAllLinesAsync(output))[1], Does.StartWith("2024-11-01,,P1,30,"));
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
