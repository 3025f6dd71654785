using System.Globalization;
using System.Text.Json;

namespace WorkflowKit.Storage.Relational;

/// <summary>
/// The phrases in which the SQL of the shared stores differs between SQLite and PostgreSQL.
/// </summary>
public static class RelationalSql
{
    /// <summary>
    /// Returns <paramref name="column"/> for an ORDER BY that sorts by code point on both databases:
    /// PostgreSQL sorts text by the database's collation unless the query names "C", and SQLite compares bytes.
    /// </summary>
    public static string Ordinal(SqlDialect dialect, string column) =>
        dialect == SqlDialect.PostgreSql ? column + " COLLATE \"C\"" : column;

    /// <summary>Returns the expression that binds parameter <paramref name="name"/> (JSON text) to a JSON column.</summary>
    public static string JsonValue(SqlDialect dialect, string name) =>
        dialect == SqlDialect.PostgreSql ? $"CAST(@{name} AS jsonb)" : "@" + name;

    /// <summary>Returns the expression that reads JSON column <paramref name="column"/> as text.</summary>
    public static string JsonText(SqlDialect dialect, string column) =>
        dialect == SqlDialect.PostgreSql ? column + "::text" : column;

    /// <summary>
    /// Returns a condition that <paramref name="column"/> is one of the values bound to parameter
    /// <paramref name="name"/>, whose value <see cref="ValueList"/> builds.
    /// </summary>
    public static string InList(SqlDialect dialect, string column, string name) =>
        dialect == SqlDialect.PostgreSql
            ? $"{column} = ANY(@{name})"
            : $"{column} IN (SELECT value FROM json_each(@{name}))";

    /// <summary>Returns the parameter value for <see cref="InList"/>: an array on PostgreSQL, a JSON array on SQLite.</summary>
    public static object ValueList(SqlDialect dialect, IReadOnlyCollection<string> values) =>
        dialect == SqlDialect.PostgreSql ? values.ToArray() : JsonSerializer.Serialize(values);

    /// <summary>
    /// Returns the parameter value of a timestamp: a UTC <see cref="DateTime"/> for PostgreSQL's
    /// timestamptz, ISO 8601 text in UTC with seven decimals for SQLite, which sorts as it reads.
    /// </summary>
    public static object Timestamp(SqlDialect dialect, DateTimeOffset value) =>
        dialect == SqlDialect.PostgreSql
            ? value.UtcDateTime
            : value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
