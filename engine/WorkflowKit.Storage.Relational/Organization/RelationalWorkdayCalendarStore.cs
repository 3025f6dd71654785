using Dapper;
using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Storage.Relational.Organization;

/// <summary>
/// Holidays and make-up workdays in table <c>workday_calendar</c> (migration 4001), with the loaded holiday file
/// versions and the working hours in <c>workday_calendar_loads</c> and <c>workday_settings</c> (migration 4002), on
/// SQLite or PostgreSQL. The SQL is the same on both; each provider defines how it stores a date and a time of day.
/// </summary>
public abstract class RelationalWorkdayCalendarStore : IWorkdayCalendarStore
{
    private const string InsertDay =
        """
        INSERT INTO workday_calendar (day, kind, name, updated_by, updated_at)
        VALUES (@Day, @Kind, @Name, @UserId, @Now)
        """;

    private readonly IDatabase _database;
    private readonly TimeProvider _time;

    protected RelationalWorkdayCalendarStore(IDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        _database = database;
        _time = time;
    }

    public async Task<IReadOnlyList<CalendarDay>> ListDaysAsync(
        DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(object Day, string Kind, string? Name)>(
            "SELECT day, kind, name FROM workday_calendar WHERE day BETWEEN @From AND @To ORDER BY day",
            new { From = DateParameter(from), To = DateParameter(to) }).ConfigureAwait(false);
        return [.. rows.Select(ToDay)];
    }

    public async Task<IReadOnlyList<CalendarDay>> ListAllDaysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(object Day, string Kind, string? Name)>(
            "SELECT day, kind, name FROM workday_calendar ORDER BY day").ConfigureAwait(false);
        return [.. rows.Select(ToDay)];
    }

    public async Task SaveDayAsync(CalendarDay day, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            InsertDay +
            """

            ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name,
                updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """,
            DayParameters(day, userId, _time.GetUtcNow())).ConfigureAwait(false);
    }

    public async Task RemoveDayAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            "DELETE FROM workday_calendar WHERE day = @Day", new { Day = DateParameter(date) }).ConfigureAwait(false);
    }

    public async Task<IReadOnlySet<string>> ListLoadedHolidayVersionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var versions = await connection.QueryAsync<string>("SELECT version FROM workday_calendar_loads")
            .ConfigureAwait(false);
        return versions.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<int?> LoadHolidaysAsync(
        string version, IReadOnlyList<CalendarDay> days, string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var now = _time.GetUtcNow();

        // The version row is inserted first, so a second node loading the same version inserts nothing: on
        // PostgreSQL (READ COMMITTED) its insert waits for the first transaction to commit, on SQLite the write lock
        // orders the two.
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var recorded = await transaction.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO workday_calendar_loads (version, days, loaded_by, loaded_at)
            VALUES (@Version, 0, @UserId, @Now)
            ON CONFLICT (version) DO NOTHING
            """,
            new { Version = version, UserId = userId, Now = RelationalSql.Timestamp(_database.Dialect, now) },
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (recorded == 0)
        {
            return null;
        }

        var stored = 0;
        foreach (var day in days)
        {
            stored += await transaction.Connection.ExecuteAsync(new CommandDefinition(
                InsertDay + "\nON CONFLICT (day) DO NOTHING", DayParameters(day, userId, now),
                transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE workday_calendar_loads SET days = @Days WHERE version = @Version",
            new { Days = stored, Version = version }, transaction.Transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public async Task<(TimeOnly Start, TimeOnly End)?> GetWorkingHoursAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<(object Start, object End)>(
            "SELECT work_start, work_end FROM workday_settings WHERE id = 1").ConfigureAwait(false)).ToList();
        return rows is [var hours] ? (ReadTime(hours.Start), ReadTime(hours.End)) : null;
    }

    public async Task SaveWorkingHoursAsync(
        (TimeOnly Start, TimeOnly End) workingHours, string userId, CancellationToken cancellationToken)
    {
        WorkdayCalendar.RequireWorkingHours(workingHours);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO workday_settings (id, work_start, work_end, updated_by, updated_at)
            VALUES (1, @Start, @End, @UserId, @Now)
            ON CONFLICT (id) DO UPDATE SET work_start = excluded.work_start, work_end = excluded.work_end,
                updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """,
            new
            {
                Start = TimeParameter(workingHours.Start),
                End = TimeParameter(workingHours.End),
                UserId = userId,
                Now = RelationalSql.Timestamp(_database.Dialect, _time.GetUtcNow()),
            }).ConfigureAwait(false);
    }

    /// <summary>Returns the parameter value that stores <paramref name="date"/> in a <c>day</c> column.</summary>
    protected abstract object DateParameter(DateOnly date);

    /// <summary>Reads a <c>day</c> column's value as the provider returns it.</summary>
    protected abstract DateOnly ReadDate(object value);

    /// <summary>Returns the parameter value that stores <paramref name="time"/> in a working-hours column.</summary>
    protected abstract object TimeParameter(TimeOnly time);

    /// <summary>Reads a working-hours column's value as the provider returns it.</summary>
    protected abstract TimeOnly ReadTime(object value);

    private object DayParameters(CalendarDay day, string userId, DateTimeOffset now) => new
    {
        Day = DateParameter(day.Date),
        Kind = CalendarDayKinds.ToText(day.Kind),
        day.Name,
        UserId = userId,
        Now = RelationalSql.Timestamp(_database.Dialect, now),
    };

    private CalendarDay ToDay((object Day, string Kind, string? Name) row) =>
        new(ReadDate(row.Day), CalendarDayKinds.Parse(row.Kind), row.Name);
}
