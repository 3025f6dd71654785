using WorkflowKit.Runtime.Storage;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Runtime;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>A fresh migrated database of one provider with its runtime store and row builders.</summary>
internal sealed class RuntimeStoreFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 3, 3, 1, 0, 0, TimeSpan.Zero);

    private RuntimeStoreFixture(TestDatabase test, IRuntimeStore store)
    {
        Test = test;
        Store = store;
    }

    public TestDatabase Test { get; }

    public IRuntimeStore Store { get; }

    public static async Task<RuntimeStoreFixture> CreateAsync(StorageProvider provider)
    {
        var test = await TestDatabase.CreateAsync(provider);
        return new RuntimeStoreFixture(test, CreateStore(test.Database));
    }

    public static IRuntimeStore CreateStore(IDatabase database) => database switch
    {
        SqliteDatabase sqlite => new SqliteRuntimeStore(sqlite),
        PostgresDatabase postgres => new PostgresRuntimeStore(postgres),
        _ => throw new InvalidOperationException($"No runtime store for {database.GetType().Name}."),
    };

    public static InstanceRecord Instance(string id) => new()
    {
        Id = id,
        FlowKey = "order-flow",
        FlowVersion = 1,
        Initiator = "alice",
        Form = new() { ["amount"] = "12.50" },
        Version = 1,
        StartedAt = Now,
        UpdatedAt = Now,
    };

    public static TimerRecord Timer(string id, string instanceId, DateTimeOffset dueAt) => new()
    {
        Id = id,
        InstanceId = instanceId,
        Kind = TimerKinds.Node,
        DueAt = dueAt,
        CreatedAt = Now,
    };

    public static OutboxRecord Message(string id, string instanceId, DateTimeOffset dueAt) => new()
    {
        Id = id,
        InstanceId = instanceId,
        Kind = OutboxKinds.Notification,
        Channel = "email",
        IdempotencyKey = "key-" + id,
        NextAttemptAt = dueAt,
        CreatedAt = Now,
    };

    /// <summary>Writes rows in one committed transaction.</summary>
    public async Task WriteAsync(Func<IStorageTransaction, Task> write)
    {
        await using var transaction = await Test.Database.BeginTransactionAsync(CancellationToken.None);
        await write(transaction);
        await transaction.CommitAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync() => Test.DisposeAsync();
}
