namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>
/// UTC instants for TIMESTAMPTZ columns. The method names match the SQLite store's text helper so
/// that the two stores read alike; PostgreSQL keeps whole microseconds.
/// </summary>
internal static class SqlTime
{
    public static DateTime Write(DateTimeOffset value) => PgTime.Write(value);

    public static DateTime? Write(DateTimeOffset? value) => PgTime.Write(value);

    public static DateTimeOffset Read(DateTime value) => PgTime.Read(value);

    public static DateTimeOffset? ReadOptional(DateTime? value) => PgTime.Read(value);
}
