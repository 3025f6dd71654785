using WorkflowKit.Definitions.Store;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Storage;

/// <summary>
/// The stores of one deployment on one migrated database, whichever the provider. Disposing it
/// closes the PostgreSQL connection pool; SQLite connections close with each use.
/// </summary>
public sealed class WorkflowKitStores : IAsyncDisposable
{
    private readonly Func<ValueTask> _dispose;

    internal WorkflowKitStores(
        StorageOptions options, IDatabase database, IDefinitionStore definitions, IRuntimeStore runtime,
        IOrganizationStore organization, IPermissionRuleStore permissions, Func<ValueTask> dispose)
    {
        Options = options;
        Database = database;
        Definitions = definitions;
        Runtime = runtime;
        Organization = organization;
        Permissions = permissions;
        _dispose = dispose;
    }

    public StorageOptions Options { get; }

    public IDatabase Database { get; }

    public IDefinitionStore Definitions { get; }

    public IRuntimeStore Runtime { get; }

    public IOrganizationStore Organization { get; }

    public IPermissionRuleStore Permissions { get; }

    public ValueTask DisposeAsync() => _dispose();
}
