using System.Data.Common;

namespace WorkflowKit.Storage;

/// <summary>
/// An open transaction that several stores write through. Disposing it without
/// <see cref="CommitAsync"/> rolls back everything written through it.
/// </summary>
public interface IStorageTransaction : IAsyncDisposable
{
    DbConnection Connection { get; }

    DbTransaction Transaction { get; }

    Task CommitAsync(CancellationToken cancellationToken);
}
