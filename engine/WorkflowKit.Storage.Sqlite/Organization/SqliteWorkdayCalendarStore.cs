using System.Globalization;
using Dapper;
using WorkflowKit.Runtime.Timers;

namespace WorkflowKit.Storage.Sqlite.Organization;

/// <summary>Holidays and make-up workdays in table <c>workday_calendar</c> (migration 4001), dates as yyyy-MM-dd.</summary>
public sealed class SqliteWorkdayCalendarStore : IWorkdayCalendarStore
{
    private const string DateFormat = "yyyy-MM-dd";

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

    private static string Format(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static CalendarDay ToDay((string Day, string Kind, string? Name) row) => new(
        DateOnly.ParseExact(row.Day, DateFormat, CultureInfo.InvariantCulture), CalendarDayKinds.Parse(row.Kind),
        row.Name);
}
