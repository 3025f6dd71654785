using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Execution;

/// <summary>
/// The transaction of one step, shared with the sub-flow instances the step starts. It begins as a
/// read transaction, so loading the instance, evaluating conditions and scripts, resolving
/// assignees and routing run without the database's write lock. The write transaction begins when
/// the step first needs it: at a record or sub-flow node, or when the step persists its changes.
/// </summary>
/// <remarks>
/// Reads made before the switch can be stale by the time the step writes. The instance's version
/// guard catches that. Every change to an instance's tokens, tasks and variables is a step that
/// raises the version, and the step's update names the version it loaded. So a step that read
/// stale state fails with a conflict, everything it wrote rolls back, and it runs again.
/// </remarks>
internal sealed class StepTransaction(IDatabase database) : IAsyncDisposable
{
    private const string NodeSavepoint = "wk_node";

    private IStorageTransaction? _read;
    private IStorageTransaction? _write;
    private bool _savepointRequested;
    private bool _ownsWrite = true;

    /// <summary>
    /// Wraps a write transaction that the caller owns, such as an import's: the step writes in it but
    /// neither commits nor disposes it, so the caller's commit or rollback decides.
    /// </summary>
    public static StepTransaction Joining(IDatabase database, IStorageTransaction callerTransaction) =>
        new(database) { _write = callerTransaction, _ownsWrite = false };

    /// <summary>The write transaction once begun, else the read transaction.</summary>
    public IStorageTransaction Current =>
        _write ?? _read ?? throw new InvalidOperationException("The step's transaction has not begun.");

    /// <summary>How many node savepoints are open on the write transaction.</summary>
    public int OpenSavepoints { get; private set; }

    public async Task BeginReadAsync(CancellationToken cancellationToken)
    {
        _read ??= await database.BeginReadTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns the write transaction, beginning it on first use (which waits for the write lock)
    /// and ending the read transaction. Takes the node savepoint if <see cref="RequestSavepoint"/>
    /// asked for one.
    /// </summary>
    public async Task<IStorageTransaction> WriteAsync(CancellationToken cancellationToken)
    {
        if (_write is null)
        {
            _write = await database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (_read is { } read)
            {
                _read = null;
                await read.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (_savepointRequested)
        {
            _savepointRequested = false;
            await _write.Transaction.SaveAsync(NodeSavepoint, cancellationToken).ConfigureAwait(false);
            OpenSavepoints++;
        }

        return _write;
    }

    /// <summary>
    /// Asks for a savepoint around the node about to run, taken when the node first writes, so
    /// that a failing node's writes roll back without the rest of the step.
    /// </summary>
    public void RequestSavepoint() => _savepointRequested = true;

    /// <summary>
    /// Ends the node that <see cref="RequestSavepoint"/> began: keeps its writes, or rolls them back
    /// when <paramref name="keep"/> is false. <paramref name="openBefore"/> is
    /// <see cref="OpenSavepoints"/> before the node ran.
    /// </summary>
    public async Task EndNodeAsync(int openBefore, bool keep, CancellationToken cancellationToken)
    {
        _savepointRequested = false;
        if (OpenSavepoints <= openBefore || _write is null)
        {
            return;
        }

        if (!keep)
        {
            await _write.Transaction.RollbackAsync(NodeSavepoint, cancellationToken).ConfigureAwait(false);
        }

        await _write.Transaction.ReleaseAsync(NodeSavepoint, cancellationToken).ConfigureAwait(false);
        OpenSavepoints--;
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        var write = await WriteAsync(cancellationToken).ConfigureAwait(false);
        await write.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_read is { } read)
        {
            _read = null;
            await read.DisposeAsync().ConfigureAwait(false);
        }

        if (_write is { } write)
        {
            _write = null;
            if (_ownsWrite)
            {
                await write.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
