using WorkflowKit.Records;

namespace WorkflowKit.Forms.Tests.Records;

/// <summary>Reading a given serial number back into its counter period and sequence.</summary>
public sealed class SerialNumberReadTests
{
    [TestCase("SO-{yyyyMMdd}-{seq:4}", "SO-20240105-0042", "SO-20240105-{seq}", 42)]
    [TestCase("SO-{yyyyMMdd}-{seq:4}", "SO-20240105-12345", "SO-20240105-{seq}", 12345)]
    [TestCase("{yyyyMMdd}{seq:4}", "202401050007", "20240105{seq}", 7)]
    [TestCase("PO{seq:6}", "PO000123", "PO{seq}", 123)]
    [TestCase("R-{yyyy-MM}-{seq}", "R-2024-03-9", "R-2024-03-{seq}", 9)]
    [TestCase("B{yyMMdd}.{seq:2}", "B240229.01", "B240229.{seq}", 1)]
    public void Fitting_number_reads(string pattern, string number, string period, long sequence)
    {
        var parsed = SerialNumberPattern.Parse(pattern);

        var fits = parsed.TryRead(number, out var periodKey, out var value);

        Assert.That(fits, Is.True);
        Assert.That(periodKey, Is.EqualTo(period));
        Assert.That(value, Is.EqualTo(sequence));
    }

    [TestCase("SO-{yyyyMMdd}-{seq:4}", "SO-20240105-042")]
    [TestCase("SO-{yyyyMMdd}-{seq:4}", "SO-20241305-0042")]
    [TestCase("SO-{yyyyMMdd}-{seq:4}", "PO-20240105-0042")]
    [TestCase("SO-{yyyyMMdd}-{seq:4}", "SO-20240105-0000")]
    [TestCase("SO-{yyyyMMdd}-{seq:4}", "SO-20240105-00a2")]
    [TestCase("SO-{yyyyMMdd}-{seq:4}", " SO-20240105-0042")]
    [TestCase("B{yyMMdd}.{seq:2}", "B230229.01")]
    [TestCase("PO{seq:6}", "PO0000000000000000001")]
    public void Other_text_does_not_fit(string pattern, string number)
    {
        var fits = SerialNumberPattern.Parse(pattern).TryRead(number, out _, out _);

        Assert.That(fits, Is.False);
    }

    [Test]
    public void Read_period_matches_rendered_period()
    {
        var pattern = SerialNumberPattern.Parse("SO-{yyyyMMdd}-{seq:4}");
        var day = new DateTime(2024, 1, 5, 9, 0, 0, DateTimeKind.Unspecified);

        pattern.TryRead(pattern.Format(day, 17), out var periodKey, out _);

        Assert.That(periodKey, Is.EqualTo(pattern.PeriodKey(day)));
    }
}
