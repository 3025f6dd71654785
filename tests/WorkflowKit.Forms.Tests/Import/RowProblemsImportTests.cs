namespace WorkflowKit.Forms.Tests.Import;

/// <summary>A row reports every independent problem at once: each cell that cannot be read, then the checks of the rest.</summary>
public sealed class RowProblemsImportTests : PlanImportFixture
{
    [Test]
    public async Task Bad_date_does_not_hide_pattern_error()
    {
        var result = await ImportAsync("code,quantity,arrival\nT9002,5,2026-13-45\n", En);

        Assert.That(result.Errors.Select(error => error.Code), Is.EqualTo(new[] { "conversion", "pattern", "ruleSkipped" }));
        Assert.That(result.Errors[0].Message, Is.EqualTo(
            "plans.csv row 2, column \"arrival\" (arrival): \"2026-13-45\" is not a date; write it as 2024-03-05 or " +
            "2024/3/5."));
        Assert.That(result.Errors[1].Message, Is.EqualTo(
            "plans.csv row 2, column \"code\" (code): \"Plan code\" value \"T9002\" does not match the pattern C\\d{4}; " +
            "correct the value to the required format."));
        Assert.That(result.Errors[2].Message, Is.EqualTo(
            "plans.csv row 2, field arrival: rule \"arrival-from-2026\" (Arrival is in 2026 or later) was not " +
            "checked because it reads arrival, which could not be read; it is checked when the file is imported " +
            "again with those values corrected."));
        Assert.That(result.RowsRejected, Is.EqualTo(1));
    }

    [Test]
    public async Task Rules_on_read_fields_still_run()
    {
        var result = await ImportAsync("code,quantity,arrival\nC0001,20000,2026-13-45\n", Zh);

        Assert.That(result.Errors.Select(error => error.Code), Is.EqualTo(new[] { "conversion", "rule", "ruleSkipped" }));
        Assert.That(result.Errors[1].Message, Does.Contain("计划数量不能超过 10000"));
        Assert.That(result.Errors[2].Message, Does.Contain("规则 “arrival-from-2026”（预计到货不能早于 2026 年）没有检查"));
    }

    [Test]
    public async Task Unreadable_required_cell_is_not_also_missing()
    {
        var result = await ImportAsync("code,quantity\nC0001,many\n", En);

        Assert.That(result.Errors.Select(error => error.Code), Is.EqualTo(new[] { "conversion", "ruleSkipped" }));
        Assert.That(result.Errors[1].Message, Does.Contain("rule \"quantity-cap\""));
    }

    [Test]
    public async Task Every_bad_row_is_reported_and_nothing_written()
    {
        var result = await ImportAsync(
            "code,quantity,arrival,buyer\nC0001,5,2026-02-01,何明\nT9002,0,2026-13-45,李伟\nC0003,7,,\n", En);

        Assert.That(result.Committed, Is.False);
        Assert.That(result.RowsWritten, Is.Zero);
        Assert.That(result.RowsRejected, Is.EqualTo(1));
        Assert.That(result.Errors.Select(error => error.Code), Is.EquivalentTo(new[]
        {
            "conversion", "ambiguous", "pattern", "range", "ruleSkipped",
        }));
        Assert.That(await PlansAsync(), Is.Empty);
    }

    [Test]
    public async Task Preview_shows_every_problem()
    {
        var preview = await PreviewAsync("code,quantity,arrival\nT9002,5,2026-13-45\n", En);

        Assert.That(preview.Rows.Single().Errors.Select(error => error.Code),
            Is.EqualTo(new[] { "conversion", "pattern", "ruleSkipped" }));
    }
}
