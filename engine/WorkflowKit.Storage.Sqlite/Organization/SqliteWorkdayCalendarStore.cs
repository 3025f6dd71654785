using System.Globalization;
using Dapper;
using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Storage.Sqlite.Organization;

/// <summary>
/// Holidays and make-up workdays in table <c>workday_calendar</c> (migration 4001), dates as yyyy-MM-dd, with the
/// loaded holiday file versions and the working hours in <c>workday_calendar_loads</c> and <c>workday_settings</c>
/// (migration 4002).
/// </summary>
public sealed class SqliteWorkdayCalendarStore : IWorkdayCalendarStore
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimeFormat = "HH:mm";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteWorkdayCalendarStore(SqliteDatabase database, TimeProvider time)
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
        var rows = await connection.QueryAsync<(string Day, string Kind, string? Name)>(
            "SELECT day, kind, name FROM workday_calendar WHERE day BETWEEN @From AND @To ORDER BY day",
            new { From = Format(from), To = Format(to) }).ConfigureAwait(false);
        return [.. rows.Select(ToDay)];
    }

    public async Task<IReadOnlyList<CalendarDay>> ListAllDaysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Day, string Kind, string? Name)>(
            "SELECT day, kind, name FROM workday_calendar ORDER BY day").ConfigureAwait(false);
        return [.. rows.Select(ToDay)];
    }

    public async Task SaveDayAsync(CalendarDay day, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(
            """
            INSERT INTO workday_calendar (day, kind, name, updated_by, updated_at)
            VALUES (@Day, @Kind, @Name, @UserId, @Now)
            ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name,
                updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """,
            new
            {
                Day = Format(day.Date),
                Kind = CalendarDayKinds.ToText(day.Kind),
                day.Name,
                UserId = userId,
                Now = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            }).ConfigureAwait(false);
    }

    public async Task RemoveDayAsync(DateOnly date, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync("DELETE FROM workday_calendar WHERE day = @Day", new { Day = Format(date) })
            .ConfigureAwait(false);
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
        var now = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        await using var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var recorded = await transaction.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO workday_calendar_loads (version, days, loaded_by, loaded_at)
            VALUES (@Version, 0, @UserId, @Now)
            ON CONFLICT (version) DO NOTHING
            """,
            new { Version = version, UserId = userId, Now = now }, transaction.Transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (recorded == 0)
        {
            return null;
        }

        var stored = 0;
        foreach (var day in days)
        {
            stored += await transaction.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO workday_calendar (day, kind, name, updated_by, updated_at)
                VALUES (@Day, @Kind, @Name, @UserId, @Now)
                ON CONFLICT (day) DO NOTHING
                """,
                new { Day = Format(day.Date), Kind = CalendarDayKinds.ToText(day.Kind), day.Name, UserId = userId, Now = now },
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
        var rows = (await connection.QueryAsync<(string Start, string End)>(
            "SELECT work_start, work_end FROM workday_settings WHERE id = 1").ConfigureAwait(false)).ToList();
        return rows is [var hours]
            ? (TimeOnly.ParseExact(hours.Start, TimeFormat, CultureInfo.InvariantCulture),
                TimeOnly.ParseExact(hours.End, TimeFormat, CultureInfo.InvariantCulture))
            : null;
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
                Start = workingHours.Start.ToString(TimeFormat, CultureInfo.InvariantCulture),
                End = workingHours.End.ToString(TimeFormat, CultureInfo.InvariantCulture),
                UserId = userId,
                Now = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            }).ConfigureAwait(false);
    }

    private static string Format(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static CalendarDay ToDay((string Day, string Kind, string? Name) row) => new(
        DateOnly.ParseExact(row.Day, DateFormat, CultureInfo.InvariantCulture), CalendarDayKinds.Parse(row.Kind),
        row.Name);
}
