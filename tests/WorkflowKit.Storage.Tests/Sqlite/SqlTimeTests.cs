using System.Globalization;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Storage.Tests.Sqlite;

public sealed class SqlTimeTests
{
    private static readonly DateTimeOffset[] Instants =
    [
        new(2024, 3, 4, 15, 30, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 12, 5, 1, 2, 3, TimeSpan.FromHours(8)).AddTicks(1234567),
        new(999, 1, 1, 0, 0, 0, TimeSpan.Zero),
        DateTimeOffset.MaxValue,
    ];

    [TestCaseSource(nameof(Instants))]
    public void Write_uses_column_format(DateTimeOffset instant)
    {
        var expected = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        Assert.That(SqlTime.Write(instant), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Instants))]
    public void Read_returns_written_instant(DateTimeOffset instant)
    {
        Assert.That(SqlTime.Read(SqlTime.Write(instant)), Is.EqualTo(instant));
    }
}
