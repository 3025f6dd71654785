using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace WorkflowKit.Storage.Sqlite;

/// <summary>
/// A write transaction on the database's shared writer connection, run as one member of a
/// <see cref="SqliteCommitGroup"/>. It holds the writer turn from its beginning until its commit
/// or disposal, so no other write runs on the connection meanwhile. The first member of a group
/// owns the SQLite transaction; each later one runs inside a savepoint, so disposing without a
/// commit rolls back this member's writes and nothing else.
/// </summary>
/// <remarks>
/// <see cref="CommitAsync"/> returns once SQLite committed the group, never earlier, and throws
/// when that commit failed, in which case none of this transaction's writes were kept.
/// </remarks>
internal sealed class SqliteStorageTransaction : IStorageTransaction
{
    private const string MemberSavepoint = "wk_group_member";

    private readonly SqliteWriterTurns _turns;
    private readonly SqliteCommitGroup _group;
    private readonly SqliteGroupCommitOptions _options;
    private readonly bool _inSavepoint;
    private bool _holdsTurn = true;
    private bool _committed;
    private int _disposed;

    private SqliteStorageTransaction(
        SqliteWriterTurns turns, SqliteCommitGroup group, SqliteGroupCommitOptions options, bool inSavepoint)
    {
        _turns = turns;
        _group = group;
        _options = options;
        _inSavepoint = inSavepoint;
    }

    public DbConnection Connection => _group.Connection;

    public DbTransaction Transaction => _group.Transaction;

    /// <summary>
    /// Begins a member of the open group on <paramref name="connection"/>, or a new group. The caller
    /// holds the turn; when this throws, the caller still holds it and must leave.
    /// </summary>
    public static async Task<SqliteStorageTransaction> BeginAsync(
        SqliteWriterTurns turns, SqliteConnection connection, SqliteGroupCommitOptions options,
        CancellationToken cancellationToken)
    {
        var group = await turns.JoinAsync(connection).ConfigureAwait(false);
        var inSavepoint = group.Members > 0;
        if (inSavepoint)
        {
            await group.Transaction.SaveAsync(MemberSavepoint, cancellationToken).ConfigureAwait(false);
        }

        return new SqliteStorageTransaction(turns, group, options, inSavepoint);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_committed || !_holdsTurn)
        {
            throw new InvalidOperationException("This write transaction has already been committed.");
        }

        if (!_group.IsOpen)
        {
            throw new InvalidOperationException(
                "SQLite rolled back this write transaction before its commit, after an I/O error, a full disk or an " +
                "interrupt; nothing of it was written. Check the error that the failing statement raised, then retry.");
        }

        if (_inSavepoint)
        {
            await _group.Transaction.ReleaseAsync(MemberSavepoint, cancellationToken).ConfigureAwait(false);
        }

        _committed = true;
        _turns.Joined(_group);
        _holdsTurn = false;
        await _turns.LeaveAsync(_options).ConfigureAwait(false);
        await _group.Completion.Task.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !_holdsTurn)
        {
            return;
        }

        _holdsTurn = false;
        try
        {
            await RollBackAsync().ConfigureAwait(false);
        }
        finally
        {
            await _turns.LeaveAsync(_options).ConfigureAwait(false);
        }
    }

    /// <summary>Undoes this member's writes, keeping those of the members before it in the group.</summary>
    private async Task RollBackAsync()
    {
        if (!ReferenceEquals(_turns.Open, _group))
        {
            return;
        }

        if (!_inSavepoint)
        {
            await _turns.DiscardOpenAsync().ConfigureAwait(false);
            return;
        }

        if (!_group.IsOpen)
        {
            await _turns.FailOpenAsync(new InvalidOperationException(
                "SQLite rolled back the shared write transaction when a later transaction in the same commit failed " +
                "with an I/O error, a full disk or an interrupt; nothing of it was written. Retry.")).ConfigureAwait(false);
            return;
        }

        try
        {
            await _group.Transaction.RollbackAsync(MemberSavepoint, CancellationToken.None).ConfigureAwait(false);
            await _group.Transaction.ReleaseAsync(MemberSavepoint, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SqliteException failure)
        {
            await _turns.FailOpenAsync(failure).ConfigureAwait(false);
        }
    }
}
