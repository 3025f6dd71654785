using Microsoft.Data.Sqlite;

namespace WorkflowKit.Storage.Sqlite.Records;

/// <summary>
/// SQL functions that every connection of a <see cref="SqliteDatabase"/> registers for the record queries.
/// </summary>
internal static class SqliteTextFunctions
{
    /// <summary>
    /// Name of the function that maps text to lower case by the Unicode tables (.NET's invariant culture), for
    /// the case-insensitive <c>contains</c> and <c>search</c> of the record query. SQLite's own <c>lower()</c> maps
    /// only ASCII letters, so "É" would not find "é". Other values (numbers, NULL) pass through unchanged.
    /// </summary>
    public const string UnicodeLower = "unicode_lower";

    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<object?, object?>(
            UnicodeLower, value => value is string text ? text.ToLowerInvariant() : value, isDeterministic: true);
}
