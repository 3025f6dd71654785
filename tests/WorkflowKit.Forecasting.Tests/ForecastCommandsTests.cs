using System.Globalization;

namespace WorkflowKit.Forecasting.Tests;

public sealed class ForecastCommandsTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "workflowkit-forecast-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Forecast_WritesCsvFile()
    {
        var input = WriteLongForm(months: 30, customers: ["Ruijin", "Huashan"]);
        var output = Path.Combine(_folder, "forecast.csv");

        var (exit, stdout, stderr) = await ForecastAsync(input, 2, output);

        var lines = await File.ReadAllLinesAsync(output);
        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(lines[0], Is.EqualTo("period,customer,product,forecast,lower,upper"));
        Assert.That(lines, Has.Length.EqualTo(1 + (2 * 2)));
        Assert.That(lines[1], Does.StartWith("2021-07-01,Huashan,Kit A,"));
        Assert.That(stdout, Does.StartWith("Wrote 4 forecasts for 2 series (month grain, horizon 2) to "));
        Assert.That(stdout, Does.Match(
            @"\n  Huashan / Kit A: [a-z0-9.-]+ \((a baseline that beat the model, )?backtest accuracy \d+\.\d%\)\r?\n"));
        Assert.That(stderr, Is.Empty);
    }

    [Test]
    public async Task Forecast_ReturnsOnlyNoted()
    {
        var input = Path.Combine(_folder, "returns.csv");
        var rows = Enumerable.Range(0, 6)
            .Select(month => $"2019-{month + 1:00}-10,Ruijin,Kit A,{-3 - (7 * (month % 2))}");
        await File.WriteAllLinesAsync(input, ["date,customer,product,quantity", .. rows]);

        var (exit, stdout, stderr) = await ForecastAsync(input, 1, outPath: null);

        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(stdout, Does.Contain("2019-07-01,Ruijin,Kit A,0,0,0"));
        Assert.That(stderr, Does.StartWith(
            "Note: returns.csv, Ruijin / Kit A: The history has returns but no sales (6 periods have a negative net " +
            "quantity), so demand is forecast as 0, and lower and upper are 0 too. Negative quantities are treated " +
            "as returns"));
    }

    [Test]
    public async Task Forecast_ReturnsOnlySummary()
    {
        var input = Path.Combine(_folder, "returns.csv");
        var rows = Enumerable.Range(0, 6).Select(month => $"2019-{month + 1:00}-10,Ruijin,Kit A,-{month + 1}");
        await File.WriteAllLinesAsync(input, ["date,customer,product,quantity", .. rows]);
        var output = Path.Combine(_folder, "forecast.csv");

        var (exit, stdout, stderr) = await ForecastAsync(input, 1, output);

        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(stdout, Does.EndWith("  Ruijin / Kit A: zero (no sales to backtest)" + Environment.NewLine));
        Assert.That(await File.ReadAllLinesAsync(output), Does.Contain("2019-07-01,Ruijin,Kit A,0,0,0"));
    }

    [Test]
    public async Task Forecast_SinglePeriodHasNoInterval()
    {
        var input = Path.Combine(_folder, "new.csv");
        await File.WriteAllLinesAsync(input, ["date,customer,product,quantity", "2019-03-10,Ruijin,Kit A,8"]);

        var (exit, stdout, stderr) = await ForecastAsync(input, 2, outPath: null);

        var lines = stdout.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(lines, Is.EqualTo(new[]
        {
            "period,customer,product,forecast,lower,upper",
            "2019-04-01,Ruijin,Kit A,8,,",
            "2019-05-01,Ruijin,Kit A,8,,",
        }));
        Assert.That(stderr, Is.EqualTo(
            "Note: new.csv, Ruijin / Kit A: The history has only 1 period, so there is no variation to estimate a " +
            "prediction interval from, and lower and upper are left empty. The forecast repeats that period. From 2 " +
            "periods on, an interval is given." + Environment.NewLine));
    }

    [Test]
    public async Task Forecast_ConstantHistoryNoted()
    {
        var input = Path.Combine(_folder, "steady.csv");
        var rows = Enumerable.Range(0, 3).Select(month => $"2019-{month + 1:00}-10,Ruijin,Kit A,8");
        await File.WriteAllLinesAsync(input, ["date,customer,product,quantity", .. rows]);

        var (exit, stdout, stderr) = await ForecastAsync(input, 1, outPath: null);

        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(stdout, Does.Contain("2019-04-01,Ruijin,Kit A,8,8,8"));
        Assert.That(stderr, Is.EqualTo(
            "Note: steady.csv, Ruijin / Kit A: All 3 periods of the history have the same quantity, 8, so there is " +
            "no variation to estimate a prediction interval from, and lower and upper equal the forecast. The " +
            "interval has no width because the history does not vary, not because future demand is certain." +
            Environment.NewLine));
    }

    [Test]
    public async Task Forecast_OutputAsInputNeedsRenaming()
    {
        var input = WriteLongForm(months: 12, customers: ["Ruijin"]);
        var output = Path.Combine(_folder, "forecast.csv");
        await ForecastAsync(input, 3, output);

        var (exit, _, stderr) = await ForecastAsync(output, 1, outPath: null);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidInput));
        Assert.That(stderr, Is.EqualTo(
            "forecast.csv: Line 1: the header 'period,customer,product,forecast,lower,upper' is that of a forecast " +
            "output file, whose 'period' column is the first day of each forecast period. To use it as sales " +
            "history, rename 'period' to 'date' and 'forecast' to 'quantity'; the columns lower and upper are " +
            "ignored." + Environment.NewLine));
    }

    [Test]
    public async Task Forecast_RenamedOutputReadsAsInput()
    {
        var input = WriteLongForm(months: 12, customers: ["Ruijin"]);
        var output = Path.Combine(_folder, "forecast.csv");
        await ForecastAsync(input, 3, output);
        var lines = await File.ReadAllLinesAsync(output);
        var renamed = Path.Combine(_folder, "renamed.csv");
        await File.WriteAllLinesAsync(renamed, ["date,customer,product,quantity,lower,upper", .. lines.Skip(1)]);

        var (exit, stdout, stderr) = await ForecastAsync(renamed, 1, outPath: null);

        var lastPeriod = DateOnly.Parse(lines[^1].Split(',')[0], CultureInfo.InvariantCulture);
        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(lines[0], Is.EqualTo("period,customer,product,forecast,lower,upper"));
        Assert.That(stdout, Does.Contain($"{lastPeriod.AddMonths(1):yyyy-MM-dd},Ruijin,Kit A,"));
    }

    [Test]
    public async Task Forecast_WithoutOutPathWritesStdout()
    {
        var input = WriteLongForm(months: 5, customers: ["Ruijin"]);

        var (exit, stdout, stderr) = await ForecastAsync(input, 1, outPath: null);

        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(stdout, Does.StartWith("period,customer,product,forecast,lower,upper"));
        Assert.That(stdout, Does.Contain("2019-06-01,Ruijin,Kit A,"));
    }

    [Test]
    public async Task Forecast_BadRowReportsLineAndColumn()
    {
        var input = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(input, "date,customer,product,quantity\n2019-01-01,,A,1\n2019-02-01,,A,many\n");

        var (exit, stdout, stderr) = await ForecastAsync(input, 1, outPath: null);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidInput));
        Assert.That(stderr, Does.StartWith("bad.csv: Line 3, column 'quantity': 'many' is not a valid quantity."));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task Forecast_MissingFileReported()
    {
        var input = Path.Combine(_folder, "absent.csv");

        var (exit, _, stderr) = await ForecastAsync(input, 1, outPath: null);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidArguments));
        Assert.That(stderr, Does.Contain($"Input file not found: '{input}'"));
    }

    [Test]
    public async Task Forecast_UnwritableOutputReported()
    {
        var input = WriteLongForm(months: 5, customers: ["Ruijin"]);
        var output = Path.Combine(_folder, "missing-folder", "forecast.csv");

        var (exit, _, stderr) = await ForecastAsync(input, 1, output);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidInput));
        Assert.That(stderr, Is.EqualTo(
            $"Could not write '{output}': the folder '{Path.Combine(_folder, "missing-folder")}' does not exist. " +
            "Check that the folder exists and is writable." + Environment.NewLine));
    }

    [Test]
    public async Task Forecast_FailedWriteKeepsExistingFile()
    {
        var input = WriteLongForm(months: 30, customers: ["Ruijin", "Huashan"]);
        var output = Path.Combine(_folder, "forecast.csv");
        await File.WriteAllTextAsync(output, "last month's forecast\n");
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);

        var exit = await ForecastCommands.ForecastAsync(
            input, 3, Periodicity.Month, output, stdout, stderr, path => new FailingStream(path, failAfterBytes: 60),
            CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidInput));
        Assert.That(stderr.ToString(), Does.StartWith($"Could not write '{output}': No space left (simulated)."));
        Assert.That(await File.ReadAllTextAsync(output), Is.EqualTo("last month's forecast\n"));
        Assert.That(Directory.GetFiles(_folder).Select(Path.GetFileName), Is.EquivalentTo(
            new[] { "sales.csv", "forecast.csv" }), "no temporary file is left");
        Assert.That(stdout.ToString(), Is.Empty);
    }

    [Test]
    public async Task Forecast_ReplacesExistingFile()
    {
        var input = WriteLongForm(months: 30, customers: ["Ruijin"]);
        var output = Path.Combine(_folder, "forecast.csv");
        await File.WriteAllTextAsync(output, "last month's forecast\n");

        var (exit, _, stderr) = await ForecastAsync(input, 2, output);

        var lines = await File.ReadAllLinesAsync(output);
        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(lines[0], Is.EqualTo("period,customer,product,forecast,lower,upper"));
        Assert.That(lines, Has.Length.EqualTo(1 + 2));
        Assert.That(Directory.GetFiles(_folder), Has.Length.EqualTo(2), "no temporary file is left");
    }

    [Test]
    public async Task Forecast_OutputOverInputRejected()
    {
        var input = WriteLongForm(months: 5, customers: ["Ruijin"]);
        var before = await File.ReadAllTextAsync(input);
        var sameFile = Path.Combine(_folder, ".", "sales.csv");

        var (exit, stdout, stderr) = await ForecastAsync(input, 1, sameFile);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidArguments));
        Assert.That(stderr, Does.StartWith(
            $"Invalid output file '{sameFile}': it is the input file, and writing the forecast would replace the " +
            "sales history. Give another --out path."));
        Assert.That(stdout, Is.Empty);
        Assert.That(await File.ReadAllTextAsync(input), Is.EqualTo(before));
    }

    [TestCase("")]
    [TestCase("  ")]
    public async Task Forecast_EmptyOutPathRejected(string outPath)
    {
        var input = WriteLongForm(months: 5, customers: ["Ruijin"]);

        var (exit, stdout, stderr) = await ForecastAsync(input, 1, outPath);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidArguments));
        Assert.That(stderr, Does.StartWith(
            $"Invalid output file '{outPath}': the path is empty. Give a file path, or leave out --out to write to " +
            "standard output."));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task Forecast_FolderAsOutPathRejected()
    {
        var input = WriteLongForm(months: 5, customers: ["Ruijin"]);

        var (exit, stdout, stderr) = await ForecastAsync(input, 1, _folder);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidArguments));
        Assert.That(stderr, Does.StartWith(
            $"Invalid output file '{_folder}': it is a folder. Give a file path such as " +
            $"'{Path.Combine(_folder, "forecast.csv")}'."));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task Forecast_FolderAsInputRejected()
    {
        var (exit, stdout, stderr) = await ForecastAsync(_folder, 1, outPath: null);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidArguments));
        Assert.That(stderr, Does.StartWith(
            $"Invalid input file '{_folder}': it is a folder. Give the path of a sales history CSV file."));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task Forecast_PartialLastWeekDropped()
    {
        // Daily sales from Monday 2024-01-01 to Monday 2024-01-15: the last week contains one of its seven days, so
        // it sums to 10 units against 91 in each full week.
        var input = WriteDaily(new DateOnly(2024, 1, 1), days: 15);

        var (exit, stdout, stderr) = await ForecastAsync(input, 2, outPath: null, Periodicity.Week);

        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(stderr, Is.EqualTo(
            "Note: daily.csv ends on 2024-01-15, before the end of the week 2024-01-15 to 2024-01-21, so that week " +
            "contains only part of its sales and would look like a drop in demand. It is left out, and the history " +
            "up to 2024-01-14 is used." + Environment.NewLine + ConstantNote("daily.csv", 2, 91)));
        var rows = stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0], Does.StartWith("2024-01-15,,Kit A,91,"));
        Assert.That(rows[1], Does.StartWith("2024-01-22,,Kit A,91,"));
    }

    [Test]
    public async Task Forecast_PartialLastMonthDropped()
    {
        // Daily sales from 2024-01-01 to 2024-04-01: April contains one of its 30 days.
        var input = WriteDaily(new DateOnly(2024, 1, 1), days: 31 + 29 + 31 + 1);

        var (exit, stdout, stderr) = await ForecastAsync(input, 1, outPath: null);

        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(stderr, Is.EqualTo(
            "Note: daily.csv ends on 2024-04-01, before the end of the month 2024-04-01 to 2024-04-30, so that " +
            "month contains only part of its sales and would look like a drop in demand. It is left out, and the " +
            "history up to 2024-03-31 is used." + Environment.NewLine));
        var row = stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1].Split(',');
        Assert.That(row[0], Is.EqualTo("2024-04-01"));
        Assert.That(decimal.Parse(row[3], CultureInfo.InvariantCulture), Is.GreaterThan(250m),
            "a forecast from full months of about 300 units, not from the 10 units of 2024-04-01");
    }

    [Test]
    public async Task Evaluate_PartialLastMonthDropped()
    {
        // Daily sales from 2023-01-01 to 2024-07-02: July 2024 contains two of its 31 days.
        var input = WriteDaily(new DateOnly(2023, 1, 1), days: 549);

        var (exit, stdout, stderr) = await EvaluateAsync(input, 1);

        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(stderr, Is.EqualTo(
            "Note: daily.csv ends on 2024-07-02, before the end of the month 2024-07-01 to 2024-07-31, so that " +
            "month contains only part of its sales and would look like a drop in demand. It is left out, and the " +
            "history up to 2024-06-30 is used." + Environment.NewLine));
        Assert.That(stdout, Does.Contain("(last period seen 2023-06-01 to 2024-05-01)"));
    }

    [Test]
    public async Task Forecast_OnlyPeriodEndingEarlyKept()
    {
        // Monday 2024-01-01 to Wednesday 2024-01-03: the only week lacks its last four days.
        var input = WriteDaily(new DateOnly(2024, 1, 1), days: 3);

        var (exit, stdout, stderr) = await ForecastAsync(input, 1, outPath: null, Periodicity.Week);

        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(stderr, Is.EqualTo(
            "Note: daily.csv ends on 2024-01-03, before the end of the week 2024-01-01 to 2024-01-07, so that week " +
            "contains only part of its sales. It is the only week in the file, so it is kept and counts as " +
            "complete." + Environment.NewLine +
            "Note: daily.csv, Kit A: The history has only 1 period, so there is no variation to estimate a " +
            "prediction interval from, and lower and upper are left empty. The forecast repeats that period. From " +
            "2 periods on, an interval is given." + Environment.NewLine));
        Assert.That(stdout, Does.Contain("2024-01-08,,Kit A,33,,"));
    }

    [Test]
    public async Task Forecast_QuantitiesPastDecimalRangeRejected()
    {
        var input = Path.Combine(_folder, "huge.csv");
        File.WriteAllLines(input,
        [
            "date,customer,product,quantity",
            "2024-01-01,Ruijin,Kit A,79228162514264337593543950335",
            "2024-01-31,Ruijin,Kit A,1",
        ]);

        var (exit, stdout, stderr) = await ForecastAsync(input, 1, outPath: null);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidInput));
        Assert.That(stderr, Is.EqualTo(
            "huge.csv: The quantities of series 'Ruijin / Kit A' in the month of 2024-01-01 sum to more than " +
            "79228162514264337593543950335 in absolute value, the range of decimal. Check the quantities of that " +
            "series for a wrong unit or extra digits, or forecast in a larger unit such as thousands." +
            Environment.NewLine));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task Forecast_PartialFirstWeekDropped()
    {
        // Thursday 2024-01-04 to Sunday 2024-02-04: the first week has 4 of its 7 days, so it sums to 46 units
        // against 91 in every full week. Without that week the weekly series is constant, so the backtest errors and
        // the interval are zero, and the note on constant histories follows.
        var input = WriteDaily(new DateOnly(2024, 1, 4), days: 32);

        var (exit, stdout, stderr) = await ForecastAsync(input, 2, outPath: null, Periodicity.Week);

        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(stderr, Is.EqualTo(
            "Note: daily.csv starts on 2024-01-04, after the start of the week 2024-01-01 to 2024-01-07, so that " +
            "week contains only part of its sales and would look like a drop in demand. It is left out, and the " +
            "history from 2024-01-08 is used." + Environment.NewLine + ConstantNote("daily.csv", 4, 91)));
        var rows = stdout.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0], Is.EqualTo("2024-02-05,,Kit A,91,91,91"));
        Assert.That(rows[1], Is.EqualTo("2024-02-12,,Kit A,91,91,91"));
    }

    [Test]
    public async Task Evaluate_PartialFirstMonthDropped()
    {
        // Daily sales from 2023-01-20 to 2024-06-30: January 2023 has 12 of its 31 days.
        var input = WriteDaily(new DateOnly(2023, 1, 20), days: 528);

        var (exit, stdout, stderr) = await EvaluateAsync(input, 1);

        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(stderr, Is.EqualTo(
            "Note: daily.csv starts on 2023-01-20, after the start of the month 2023-01-01 to 2023-01-31, so that " +
            "month contains only part of its sales and would look like a drop in demand. It is left out, and the " +
            "history from 2023-02-01 is used." + Environment.NewLine));
        Assert.That(stdout, Does.Contain("seasonal-naive"));
    }

    [Test]
    public async Task Forecast_SparseFirstMonthKept()
    {
        // Orders of 5 units on the 14th and 28th of each month from 2024-01-14: January is a whole month of orders.
        var input = Path.Combine(_folder, "orders.csv");
        var lines = Enumerable.Range(0, 6).SelectMany(month => new[] { 14, 28 }.Select(day => string.Create(
            CultureInfo.InvariantCulture, $"{new DateOnly(2024, 1 + month, day):yyyy-MM-dd},,Kit A,5")));
        File.WriteAllLines(input, ["date,customer,product,quantity", .. lines]);

        var (exit, stdout, stderr) = await ForecastAsync(input, 1, outPath: null);

        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(
            stderr, Is.EqualTo(ConstantNote("orders.csv", 6, 10)),
            "the first order is no later in January than in the other months");
        Assert.That(stdout, Does.Contain("2024-07-01,,Kit A,10,"));
    }

    [Test]
    public async Task Forecast_OnlyPeriodPartialKept()
    {
        var input = WriteDaily(new DateOnly(2024, 1, 4), days: 4);

        var (exit, stdout, stderr) = await ForecastAsync(input, 1, outPath: null, Periodicity.Week);

        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(stderr, Is.EqualTo(
            "Note: daily.csv starts on 2024-01-04, after the start of the week 2024-01-01 to 2024-01-07, so that " +
            "week contains only part of its sales. It is the only week in the file, so it is kept and counts as " +
            "complete." + Environment.NewLine +
            "Note: daily.csv, Kit A: The history has only 1 period, so there is no variation to estimate a " +
            "prediction interval from, and lower and upper are left empty. The forecast repeats that period. From " +
            "2 periods on, an interval is given." + Environment.NewLine));
        Assert.That(stdout, Does.Contain("2024-01-08,,Kit A,46,,"));
    }

    [TestCase(Periodicity.Week, 14)]
    [TestCase(Periodicity.Day, 15)]
    public async Task Forecast_CompleteLastPeriodNotNoted(Periodicity periodicity, int days)
    {
        var input = WriteDaily(new DateOnly(2024, 1, 1), days);

        var (exit, _, stderr) = await ForecastAsync(input, 2, outPath: null, periodicity);

        // Every full week sums to 91, so the weekly history is constant and only that note is printed.
        var expected = periodicity == Periodicity.Week ? ConstantNote("daily.csv", 2, 91) : string.Empty;
        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(stderr, Is.EqualTo(expected));
    }

    [Test]
    public async Task Forecast_OneDatePerMonthNotNoted()
    {
        var input = WriteLongForm(months: 5, customers: ["Ruijin"]);

        var (exit, _, stderr) = await ForecastAsync(input, 1, outPath: null);

        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(stderr, Is.Empty, "one date per month on the 15th is monthly data, not a partial month");
    }

    [Test]
    public async Task Forecast_DateNearYear9999Reported()
    {
        var input = Path.Combine(_folder, "future.csv");
        await File.WriteAllTextAsync(input, "date,customer,product,quantity\n2018-01-05,,A,1\n9999-11-05,,A,2\n");

        var (exit, stdout, stderr) = await ForecastAsync(input, 2, outPath: null);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidInput));
        Assert.That(stderr, Is.EqualTo(
            "future.csv: The history ends in the month of 9999-11-01, so a forecast 2 month periods ahead would " +
            "pass 9999-12-31, the last date that can be represented. Check the dates of the history for a mistyped " +
            "year." + Environment.NewLine));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task Evaluate_DateInYear9999NoCrash()
    {
        var input = Path.Combine(_folder, "future.csv");
        await File.WriteAllTextAsync(input, "date,customer,product,quantity\n9999-12-01,,A,1\n9999-12-31,,A,2\n");

        var (exit, _, stderr) = await EvaluateAsync(input, 1);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidInput));
        Assert.That(stderr, Does.StartWith("future.csv: The history has 1 month period, too few"));
    }

    [Test]
    public async Task Forecast_ZeroHorizonRejected()
    {
        var input = WriteLongForm(months: 5, customers: ["Ruijin"]);

        var (exit, _, stderr) = await ForecastAsync(input, 0, outPath: null);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidArguments));
        Assert.That(stderr, Does.StartWith("Invalid horizon 0"));
    }

    [TestCase(Periodicity.Day, 3651)]
    [TestCase(Periodicity.Week, 521)]
    [TestCase(Periodicity.Month, 121)]
    [TestCase(Periodicity.Month, int.MaxValue)]
    public async Task Forecast_HugeHorizonRejected(Periodicity periodicity, int horizon)
    {
        var input = WriteLongForm(months: 5, customers: ["Ruijin"]);
        var max = DemandForecaster.MaxHorizon(periodicity);
        var grain = periodicity.ToString().ToLowerInvariant();

        var (exit, stdout, stderr) = await ForecastAsync(input, horizon, outPath: null, periodicity);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidArguments));
        Assert.That(stderr, Does.StartWith(
            $"Invalid horizon {horizon}: at most {max} {grain} periods (10 years) can be forecast. " +
            $"Use a horizon from 1 to {max}."));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task Forecast_MaxHorizonAccepted()
    {
        var input = WriteLongForm(months: 5, customers: ["Ruijin"]);
        var max = DemandForecaster.MaxHorizon(Periodicity.Month);

        var (exit, stdout, stderr) = await ForecastAsync(input, max, outPath: null);

        var rows = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(rows, Has.Length.EqualTo(1 + max));
    }

    [Test]
    public async Task Evaluate_HugeHorizonRejected()
    {
        var input = WriteLongForm(months: 30, customers: ["Ruijin"]);

        var (exit, _, stderr) = await EvaluateAsync(input, int.MaxValue);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidArguments));
        Assert.That(stderr, Does.StartWith($"Invalid horizon {int.MaxValue}: at most 120 month periods"));
    }

    [Test]
    public async Task Evaluate_PrintsTablePerHorizon()
    {
        var input = WriteLongForm(months: 30, customers: ["Ruijin"]);

        var (exit, stdout, stderr) = await EvaluateAsync(input, 2);

        var lines = stdout.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var header = lines.FindIndex(line => line.StartsWith("horizon", StringComparison.Ordinal));
        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr);
        Assert.That(lines[0], Does.StartWith(
            "Rolling-origin evaluation of sales.csv: 1 series, month grain, 12 origins"));
        Assert.That(Cells(lines[header]), Is.EqualTo(
            new[] { "horizon", "points", "model", "seasonal-naive", "mean-of-last-3" }));
        Assert.That(Cells(lines[header + 1])[..2], Is.EqualTo(new[] { "1", "12" }));
        Assert.That(Cells(lines[header + 2])[..2], Is.EqualTo(new[] { "2", "12" }));
        var choices = lines.FindIndex(line => line.StartsWith("model chosen", StringComparison.Ordinal));
        Assert.That(choices, Is.GreaterThan(header));
        Assert.That(Cells(lines[choices + 1]), Has.Length.EqualTo(2));
        Assert.That(stdout, Does.Contain("Times are counted over origins and series (12 origins x 1 series)."));
    }

    [Test]
    public async Task Evaluate_NetReturnsKeepSign()
    {
        var input = Path.Combine(_folder, "returns.csv");
        var rows = Enumerable.Range(0, 6).Select(month => $"2019-{month + 1:00}-10,,Kit A,{(month < 5 ? 8 : -12)}");
        await File.WriteAllLinesAsync(input, ["date,customer,product,quantity", .. rows]);
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);

        var exit = await ForecastCommands.EvaluateAsync(
            input, Periodicity.Month, 1, 1, stdout, stderr, CancellationToken.None);

        var row = stdout.ToString().Split('\n').Select(Cells).Single(cells => cells is ["Kit", "A", ..]);
        Assert.That(exit, Is.EqualTo(ForecastCommands.Success), stderr.ToString());
        Assert.That(row[2], Is.EqualTo("-12"));
    }

    [Test]
    public async Task Evaluate_TooShortReported()
    {
        var input = WriteLongForm(months: 5, customers: ["Ruijin"]);

        var (exit, _, stderr) = await EvaluateAsync(input, 3);

        Assert.That(exit, Is.EqualTo(ForecastCommands.InvalidInput));
        Assert.That(stderr, Does.StartWith("sales.csv: The history has 5 month periods"));
        Assert.That(stderr, Does.Not.Contain("Parameter"));
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> ForecastAsync(
        string input,
        int horizon,
        string? outPath,
        Periodicity periodicity = Periodicity.Month)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await ForecastCommands.ForecastAsync(
            input, horizon, periodicity, outPath, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> EvaluateAsync(string input, int horizon)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await ForecastCommands.EvaluateAsync(
            input, Periodicity.Month, horizon, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Returns the note line printed for series "Kit A" of a file whose history repeats one quantity.</summary>
    private static string ConstantNote(string file, int periods, int quantity) =>
        $"Note: {file}, Kit A: All {periods} periods of the history have the same quantity, {quantity}, so there is " +
        "no variation to estimate a prediction interval from, and lower and upper equal the forecast. The interval " +
        "has no width because the history does not vary, not because future demand is certain." + Environment.NewLine;

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private string WriteDaily(DateOnly first, int days)
    {
        var path = Path.Combine(_folder, "daily.csv");
        var lines = Enumerable.Range(0, days).Select(day => string.Create(
            CultureInfo.InvariantCulture, $"{first.AddDays(day):yyyy-MM-dd},,Kit A,{10 + (day % 7)}"));
        File.WriteAllLines(path, ["date,customer,product,quantity", .. lines]);
        return path;
    }

    /// <summary>Writes a long-form file from 2019-01: a seasonal monthly quantity of "Kit A" per customer.</summary>
    private string WriteLongForm(int months, string[] customers)
    {
        var path = Path.Combine(_folder, "sales.csv");
        using var writer = new StreamWriter(path);
        writer.WriteLine("date,customer,product,quantity");
        for (var t = 0; t < months; t++)
        {
            foreach (var customer in customers)
            {
                var quantity = 40 + (10 * Math.Sin(2 * Math.PI * t / 12)) + (customer.Length % 3);
                var date = new DateOnly(2019, 1, 15).AddMonths(t);
                writer.WriteLine(string.Create(
                    CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd},{customer},Kit A,{quantity:0.###}"));
            }
        }

        return path;
    }

    /// <summary>A file stream that throws <see cref="IOException"/> once more than a given number of bytes arrive.</summary>
    private sealed class FailingStream(string path, int failAfterBytes)
        : FileStream(path, FileMode.CreateNew, FileAccess.Write)
    {
        private long _written;

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Count(buffer.Length);
            base.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Count(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private void Count(int bytes)
        {
            _written += bytes;
            if (_written > failAfterBytes)
            {
                throw new IOException("No space left (simulated).");
            }
        }
    }
}
