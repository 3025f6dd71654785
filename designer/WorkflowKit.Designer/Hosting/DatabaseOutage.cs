using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// Recognizes the exceptions that mean the database cannot be reached or opened, as opposed to a failed query, and
/// contains the messages that the sign-in page, the API and the portal pages show for them.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>Seconds that API callers should wait, sent in the Retry-After header of a 503 reply.</summary>
    public const int RetryAfterSeconds = 30;

    /// <summary>The stable <c>code</c> of the API's 503 reply, the same in every language.</summary>
    public const string ApiCode = "database-unreachable";

    /// <summary>
    /// The English text of the API's problem detail of a 503 reply; <see cref="Localization.ChineseStrings"/> has its
    /// Chinese. It names no exception type, because callers act on the status.
    /// </summary>
    public const string ApiDetail =
        "The database cannot be reached, so the request was not carried out. Send it again after the number of " +
        "seconds in the Retry-After header; if the database stays unreachable, ask an administrator to check the " +
        "database server.";

    /// <summary>The English text of the message on pages; <see cref="Localization.ChineseStrings"/> has its Chinese.</summary>
    public const string PageMessage =
        "The database cannot be reached, so this page cannot be loaded. Try again in a few minutes. If it stays " +
        "unreachable, tell an administrator.";

    /// <summary>The English text of the message when a change could not be saved.</summary>
    public const string ChangeMessage =
        "The database cannot be reached, so the change was not saved. Try again in a few minutes. If it stays " +
        "unreachable, tell an administrator.";

    /// <summary>The English text of the message on the sign-in page.</summary>
    public const string SignInMessage =
        "The database cannot be reached, so nobody can sign in now. Try again in a few minutes. If it stays " +
        "unreachable, tell an administrator.";

    // PostgreSQL error classes and codes that mean the server is not there for this connection: connection
    // exceptions (08xxx), admin, crash and startup shutdowns (57P01-57P03), and too many connections (53300).
    private static readonly string[] UnavailableStates = ["57P01", "57P02", "57P03", "53300"];

    // SQLite result codes (https://www.sqlite.org/rescode.html): 14 SQLITE_CANTOPEN, 8 SQLITE_READONLY,
    // 10 SQLITE_IOERR, 26 SQLITE_NOTADB. They are the codes of a deleted, read-only or unreadable database file.
    private static readonly int[] UnavailableSqliteCodes = [14, 8, 10, 26];

    /// <summary>Whether <paramref name="exception"/> or one of its inner exceptions means the database is unreachable.</summary>
    public static bool IsOutage(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsOutage))
            {
                return true;
            }

            if (IsOutageItself(current))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOutageItself(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || UnavailableStates.Contains(postgres.SqlState, StringComparer.Ordinal),

        // Npgsql marks a failure as transient when the socket or stream failed or timed out.
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException,
        SqliteException sqlite => UnavailableSqliteCodes.Contains(sqlite.SqliteErrorCode),
        _ => false,
    };
}
