namespace WorkflowKit.Storage.PostgreSql;

/// <summary>
/// TIMESTAMPTZ values in and out. Npgsql accepts only UTC for TIMESTAMPTZ parameters and returns
/// UTC <see cref="DateTime"/>s; PostgreSQL keeps microseconds, so the last tick digit is dropped.
/// </summary>
internal static class PgTime
{
    public static DateTime Write(DateTimeOffset value) => value.UtcDateTime;

    public static DateTime? Write(DateTimeOffset? value) => value?.UtcDateTime;

    public static DateTimeOffset Read(DateTime value) =>
        new(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);

    public static DateTimeOffset? Read(DateTime? value) => value is { } set ? Read(set) : null;

    /// <summary>The instant as PostgreSQL will store it: UTC, whole microseconds.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % 10));
    }
}
