using System.Data.Common;
using System.Net.Sockets;

namespace WorkflowKit.Runtime.Hosting;

/// <summary>
/// Distinguishes a background round that failed on an unreachable database from other failures, and computes the wait
/// before the next round while the database stays unreachable: <see cref="EngineOptions.PollInterval"/> after the
/// first failed round, doubling after each next one, and at most <see cref="MaxDelay"/> (or the poll interval, when
/// that is longer).
/// </summary>
public static class DatabaseOutageBackoff
{
    /// <summary>Longest wait between two rounds while the database is unreachable: 1 minute.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether <paramref name="exception"/> or one of its inner exceptions means the database could not be reached:
    /// a socket error, or a <see cref="DbException"/> that its provider marks transient (Npgsql does for refused,
    /// broken and timed-out connections) and whose SQLSTATE, if any, is a connection exception (08xxx), a shutdown
    /// (57P0x) or too many connections (53300). A transient serialization failure (40001) is not an outage.
    /// </summary>
    public static bool IsOutage(Exception exception)
    {
        for (var current = (Exception?)exception; current is not null; current = current.InnerException)
        {
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsOutage))
            {
                return true;
            }

            if (current is SocketException || current is DbException { IsTransient: true } database
                && (database.SqlState is null || IsConnectionState(database.SqlState)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="exception"/> or one of its inner exceptions means that another connection holds a lock
    /// that the round waited for until its timeout: SQLite's SQLITE_BUSY (5) or SQLITE_LOCKED (6), as a long
    /// <c>workflowkit records import</c> in another process causes, or PostgreSQL's lock_not_available (55P03).
    /// </summary>
    /// <remarks>
    /// The runtime does not reference the SQLite provider, so its exception is recognized by type name and by the
    /// error code that Microsoft.Data.Sqlite passes to <see cref="System.Runtime.InteropServices.ExternalException"/>.
    /// </remarks>
    public static bool IsBusy(Exception exception)
    {
        for (var current = (Exception?)exception; current is not null; current = current.InnerException)
        {
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsBusy))
            {
                return true;
            }

            if (current is DbException database && (database.SqlState == "55P03" ||
                (database.GetType().FullName == "Microsoft.Data.Sqlite.SqliteException" &&
                    database.ErrorCode is 5 or 6)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsConnectionState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state.StartsWith("57P0", StringComparison.Ordinal)
        || state == "53300";

    /// <summary>The wait after <paramref name="failedRounds"/> failed rounds in a row (1 or more).</summary>
    public static TimeSpan Delay(TimeSpan pollInterval, int failedRounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedRounds, 1);
        var cap = pollInterval > MaxDelay ? pollInterval : MaxDelay;
        var delay = pollInterval;
        for (var round = 1; round < failedRounds && delay < cap; round++)
        {
            delay *= 2;
        }

        return delay < cap ? delay : cap;
    }
}
