using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Runtime;
using WorkflowKit.Storage.Tests.Support;

namespace WorkflowKit.Storage.Tests.Sqlite;

public sealed class StepCommandsTests
{
    private const string Insert =
        "INSERT INTO items (id, name, amount, flag, ratio, note) VALUES (@Id, @Name, @Amount, @Flag, @Ratio, @Note)";

    private TempSqliteFile _file = null!;
    private SqliteDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _file = new TempSqliteFile("wk-step-commands");
        _database = new SqliteDatabase(_file.Path);
        await using var write = await _database.BeginTransactionAsync(CancellationToken.None);
        await write.Connection.ExecuteAsync(
            "CREATE TABLE items (id TEXT PRIMARY KEY, name TEXT NOT NULL, amount INTEGER, flag INTEGER, ratio REAL, " +
            "note TEXT)",
            transaction: write.Transaction);
        await write.CommitAsync(CancellationToken.None);
    }

    [TearDown]
    public void DeleteFiles() => _file.Delete();

    [Test]
    public async Task Multi_row_insert_stores_each_value_type()
    {
        var rows = new object[]
        {
            new { Id = "a", Name = "first", Amount = 12L, Flag = true, Ratio = 0.25, Note = (string?)null },
            new { Id = "b", Name = "second", Amount = 7L, Flag = false, Ratio = -3.5, Note = (string?)"x" },
        };

        int changed;
        await using (var write = await _database.BeginTransactionAsync(CancellationToken.None))
        {
            changed = await StepCommands.ExecuteAsync(write, new CommandDefinition(Insert, rows, write.Transaction));
            await write.CommitAsync(CancellationToken.None);
        }

        var stored = await ReadAllAsync();
        Assert.That(changed, Is.EqualTo(2));
        Assert.That(stored, Is.EqualTo(new[]
        {
            "a|first|integer:12|integer:1|real:0.25|null:",
            "b|second|integer:7|integer:0|real:-3.5|text:x",
        }));
    }

    [Test]
    public async Task Write_runs_through_index_bound_statement()
    {
        await using var write = await _database.BeginTransactionAsync(CancellationToken.None);
        await StepCommands.ExecuteAsync(write, new CommandDefinition(
            Insert, new { Id = "a", Name = "n", Amount = 1L, Flag = true, Ratio = 1.0, Note = "t" }, write.Transaction));

        Assert.That(IndexedStatement.IsPrepared((SqliteConnection)write.Connection, Insert), Is.True);
    }

    [Test]
    public async Task Values_in_another_order_bind_by_name()
    {
        await using (var write = await _database.BeginTransactionAsync(CancellationToken.None))
        {
            await StepCommands.ExecuteAsync(
                write, Insert,
                [("@Id", "a"), ("@Name", "n1"), ("@Amount", 1L), ("@Flag", 1), ("@Ratio", 0.5), ("@Note", null)],
                CancellationToken.None);
            await StepCommands.ExecuteAsync(
                write, Insert,
                [("@Note", "last"), ("@Ratio", 2.0), ("@Flag", 0), ("@Amount", 9L), ("@Name", "n2"), ("@Id", "b")],
                CancellationToken.None);
            await write.CommitAsync(CancellationToken.None);
        }

        Assert.That(await ReadAllAsync(), Is.EqualTo(new[]
        {
            "a|n1|integer:1|integer:1|real:0.5|null:",
            "b|n2|integer:9|integer:0|real:2.0|text:last",
        }));
    }

    [Test]
    public async Task Missing_value_names_the_parameter()
    {
        await using var write = await _database.BeginTransactionAsync(CancellationToken.None);

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => StepCommands.ExecuteAsync(
            write, Insert, [("@Id", "a"), ("@Name", "n"), ("@Amount", 1L), ("@Flag", 1), ("@Ratio", 1.0)],
            CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("@Note"));
    }

    [Test]
    public async Task Constraint_violation_leaves_transaction_usable()
    {
        await using (var write = await _database.BeginTransactionAsync(CancellationToken.None))
        {
            var row = new { Id = "a", Name = "n", Amount = 1L, Flag = true, Ratio = 1.0, Note = "t" };
            await StepCommands.ExecuteAsync(write, new CommandDefinition(Insert, row, write.Transaction));

            var error = Assert.ThrowsAsync<SqliteException>(() =>
                StepCommands.ExecuteAsync(write, new CommandDefinition(Insert, row, write.Transaction)));

            Assert.That(error!.SqliteErrorCode, Is.EqualTo(19));
            await StepCommands.ExecuteAsync(write, new CommandDefinition(Insert, row with { Id = "b" }, write.Transaction));
            await write.CommitAsync(CancellationToken.None);
        }

        Assert.That(await ReadAllAsync(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Writes_after_a_new_handle_succeed()
    {
        await using (var write = await _database.BeginTransactionAsync(CancellationToken.None))
        {
            await StepCommands.ExecuteAsync(write, new CommandDefinition(
                Insert, new { Id = "a", Name = "n", Amount = 1L, Flag = true, Ratio = 1.0, Note = "t" }, write.Transaction));
            await write.CommitAsync(CancellationToken.None);
        }

        // A second database object on the file opens another writer connection, so another SQLite handle.
        SqliteConnection.ClearAllPools();
        var other = new SqliteDatabase(_file.Path);
        await using (var write = await other.BeginTransactionAsync(CancellationToken.None))
        {
            await StepCommands.ExecuteAsync(write, new CommandDefinition(
                Insert, new { Id = "b", Name = "n", Amount = 2L, Flag = false, Ratio = 2.0, Note = "t" }, write.Transaction));
            await write.CommitAsync(CancellationToken.None);
        }

        Assert.That(await ReadAllAsync(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Closing_handle_with_prepared_statement_succeeds()
    {
        var unpooled = new SqliteConnectionStringBuilder { DataSource = _file.Path, Pooling = false }.ToString();
        await using (var connection = new SqliteConnection(unpooled))
        {
            await connection.OpenAsync();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            IndexedStatement.Execute(
                connection, Insert,
                [("@Id", "a"), ("@Name", "n"), ("@Amount", 1L), ("@Flag", 1), ("@Ratio", 1.0), ("@Note", null)]);
            await transaction.CommitAsync();
            Assert.That(IndexedStatement.IsPrepared(connection, Insert), Is.True);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.That(await ReadAllAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Query_reads_nulls_after_values()
    {
        await using var write = await _database.BeginTransactionAsync(CancellationToken.None);
        await StepCommands.ExecuteAsync(write, new CommandDefinition(Insert, new object[]
        {
            new { Id = "a", Name = "n", Amount = (long?)5L, Flag = true, Ratio = 1.0, Note = (string?)"t" },
            new { Id = "b", Name = "n", Amount = (long?)null, Flag = true, Ratio = 1.0, Note = (string?)null },
        }, write.Transaction));
        const string select = "SELECT id AS Id, amount AS Amount, note AS Note FROM items WHERE id = @Id";

        var first = await StepCommands.QueryAsync<ItemRow>(
            write.Connection, write.Transaction, new CommandDefinition(select, new { Id = "a" }, write.Transaction));
        var second = await StepCommands.QueryAsync<ItemRow>(
            write.Connection, write.Transaction, new CommandDefinition(select, new { Id = "b" }, write.Transaction));

        Assert.That(first.Single(), Is.EqualTo(new ItemRow { Id = "a", Amount = 5, Note = "t" }));
        Assert.That(second.Single(), Is.EqualTo(new ItemRow { Id = "b", Amount = null, Note = null }));
    }

    [Test]
    public async Task Query_keeps_row_parser_with_command()
    {
        await using var write = await _database.BeginTransactionAsync(CancellationToken.None);
        await StepCommands.ExecuteAsync(write, new CommandDefinition(
            Insert, new { Id = "a", Name = "n", Amount = 1L, Flag = true, Ratio = 1.0, Note = "t" }, write.Transaction));
        const string select = "SELECT id AS Id, amount AS Amount, note AS Note FROM items WHERE id = @Id";

        await StepCommands.QueryAsync<ItemRow>(
            write.Connection, write.Transaction, new CommandDefinition(select, new { Id = "a" }, write.Transaction));

        Assert.That(StepCommands.HasRowParser((SqliteConnection)write.Connection, select), Is.True);
    }

    private async Task<List<string>> ReadAllAsync()
    {
        await using var read = await _database.BeginReadTransactionAsync(CancellationToken.None);
        var rows = await read.Connection.QueryAsync<(string Id, string Name, string Amount, string Flag, string Ratio, string Note)>(
            "SELECT id, name, typeof(amount) || ':' || amount, typeof(flag) || ':' || flag, " +
            "typeof(ratio) || ':' || ratio, typeof(note) || ':' || IFNULL(note, '') FROM items ORDER BY id",
            transaction: read.Transaction);
        return [.. rows.Select(row => $"{row.Id}|{row.Name}|{row.Amount}|{row.Flag}|{row.Ratio}|{row.Note}")];
    }

    private sealed record ItemRow
    {
        public string Id { get; init; } = string.Empty;

        public long? Amount { get; init; }

        public string? Note { get; init; }
    }
}
