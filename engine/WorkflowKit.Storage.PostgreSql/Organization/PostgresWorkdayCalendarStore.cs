using WorkflowKit.Storage.Relational.Organization;

namespace WorkflowKit.Storage.PostgreSql.Organization;

/// <summary>
/// Workday calendar in PostgreSQL (see <see cref="RelationalWorkdayCalendarStore"/>): DATE keys and TIME working
/// hours. Read as untyped values, Npgsql returns these as <see cref="DateOnly"/> and <see cref="TimeSpan"/> (or
/// <see cref="DateTime"/> and <see cref="TimeOnly"/> under other type mappings); both are accepted.
/// </summary>
public sealed class PostgresWorkdayCalendarStore(PostgresDatabase database, TimeProvider time)
    : RelationalWorkdayCalendarStore(database, time)
{
    protected override object DateParameter(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);

    protected override DateOnly ReadDate(object value) => value switch
    {
        DateOnly date => date,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        _ => throw new InvalidCastException(
            $"Npgsql returned a workday_calendar day as {value.GetType().Name}; expected DateOnly or DateTime."),
    };

    protected override object TimeParameter(TimeOnly time) => time.ToTimeSpan();

    protected override TimeOnly ReadTime(object value) => value switch
    {
        TimeOnly time => time,
        TimeSpan span => TimeOnly.FromTimeSpan(span),
        _ => throw new InvalidCastException(
            $"Npgsql returned a workday_settings time as {value.GetType().Name}; expected TimeSpan or TimeOnly."),
    };
}
