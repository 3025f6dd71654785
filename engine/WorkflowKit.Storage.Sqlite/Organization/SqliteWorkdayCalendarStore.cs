using System.Globalization;
using WorkflowKit.Storage.Relational.Organization;

namespace WorkflowKit.Storage.Sqlite.Organization;

/// <summary>
/// Workday calendar in SQLite (see <see cref="RelationalWorkdayCalendarStore"/>): dates as yyyy-MM-dd text, which
/// sorts as it reads, and working hours as HH:mm text.
/// </summary>
public sealed class SqliteWorkdayCalendarStore(SqliteDatabase database, TimeProvider time)
    : RelationalWorkdayCalendarStore(database, time)
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimeFormat = "HH:mm";

    protected override object DateParameter(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    protected override DateOnly ReadDate(object value) =>
        DateOnly.ParseExact((string)value, DateFormat, CultureInfo.InvariantCulture);

    protected override object TimeParameter(TimeOnly time) => time.ToString(TimeFormat, CultureInfo.InvariantCulture);

    protected override TimeOnly ReadTime(object value) =>
        TimeOnly.ParseExact((string)value, TimeFormat, CultureInfo.InvariantCulture);
}
