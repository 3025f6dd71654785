using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Expressions;
using WorkflowKit.Files;
using WorkflowKit.Organization;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Delegations;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Records;
using WorkflowKit.Storage.PostgreSql.Runtime;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// A fresh migrated database of one provider with its record store, a fake clock, a flow source and a user
/// directory, for tests that run the real engine on both stores. Tests publish flows and register record forms
/// first, then build engines with <see cref="CreateEngine"/>.
/// </summary>
internal sealed class EngineOnStores : IAsyncDisposable
{
    private EngineOnStores(TestDatabase test, FakeTimeProvider time, IRecordStore records)
    {
        Test = test;
        Time = time;
        Records = records;
    }

    public TestDatabase Test { get; }

    public IDatabase Database => Test.Database;

    /// <summary>Clock of the record store and of every engine built here, starting at 2025-03-03 01:00 UTC.</summary>
    public FakeTimeProvider Time { get; }

    public IRecordStore Records { get; }

    public IRecordFormRegistry RecordForms => (IRecordFormRegistry)Records;

    public InMemoryFlowDefinitionSource Flows { get; } = new();

    /// <summary>Users of every engine built here: alice and bob, plus any that a test adds.</summary>
    public InMemoryOrganizationDirectory Organization { get; } = new InMemoryOrganizationDirectory()
        .Add(User("alice", "Alice"))
        .Add(User("bob", "Bob"));

    /// <summary>Creates the database, or ignores the test when the PostgreSQL fixture has no server.</summary>
    public static async Task<EngineOnStores> CreateAsync(StorageProvider provider)
    {
        var test = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(RuntimeStoreFixture.Now);
        return new EngineOnStores(test, time, CreateRecordStore(test.Database, time));
    }

    public static IRecordStore CreateRecordStore(IDatabase database, TimeProvider time) => database switch
    {
        SqliteDatabase sqlite => new SqliteRecordStore(sqlite, time),
        PostgresDatabase postgres => new PostgresRecordStore(postgres, time),
        _ => throw new InvalidOperationException($"No record store for {database.GetType().Name}."),
    };

    public static OrgUser User(string id, string name) => new(id, name, null, [], new Dictionary<string, string>());

    /// <summary>
    /// Builds an engine with a runtime store of its own over the shared database, as another node or a restarted
    /// process would have.
    /// </summary>
    public WorkflowEngine CreateEngine(
        string runnerId = "node-a", IDelegationStore? delegations = null, IFaultInjector? faults = null,
        IFileStore? files = null) => new(
        Database, RuntimeStoreFixture.CreateStore(Database), Flows,
        new ScriptHostFlowExpressions(new ScriptHost(timeProvider: Time)), Organization, Records, Time,
        new EngineOptions { RunnerId = runnerId, Delegations = delegations, Files = files }, faults: faults);

    /// <summary>Creates the file store of this provider over the shared database.</summary>
    public IFileStore CreateFileStore() => Database switch
    {
        SqliteDatabase sqlite => new SqliteFileStore(sqlite),
        PostgresDatabase postgres => new PostgresFileStore(postgres),
        _ => throw new InvalidOperationException($"No file store for {Database.GetType().Name}."),
    };

    /// <summary>Creates the delegation store of this provider over the shared database.</summary>
    public IDelegationStore CreateDelegationStore() => Database switch
    {
        SqliteDatabase sqlite => new SqliteDelegationStore(sqlite),
        PostgresDatabase postgres => new PostgresDelegationStore(postgres),
        _ => throw new InvalidOperationException($"No delegation store for {Database.GetType().Name}."),
    };

    public ValueTask DisposeAsync() => Test.DisposeAsync();
}
