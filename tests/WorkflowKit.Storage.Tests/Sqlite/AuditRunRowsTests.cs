using Dapper;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Storage.Tests.Runtime;

namespace WorkflowKit.Storage.Tests.Sqlite;

/// <summary>How the SQLite runtime store lays out runs of the engine's own audit lines in wk_audit.</summary>
public sealed class AuditRunRowsTests
{
    [Test]
    public async Task Engine_lines_share_one_row()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(StorageProvider.Sqlite);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i2"), default));

        await fixture.WriteAsync(tx => fixture.Store.InsertAuditAsync(tx, AuditRunEntries.Step("i1", "i2"), default));
        await fixture.WriteAsync(tx => fixture.Store.InsertAuditAsync(tx, AuditRunEntries.NextStep("i1"), default));

        await using var connection = await fixture.Test.Database.OpenConnectionAsync(default);
        var rows = (await connection.QueryAsync<(string InstanceId, string Actor, string Action)>(
            "SELECT instance_id, actor, action FROM wk_audit ORDER BY id")).ToList();
        Assert.That(rows, Is.EqualTo(new[]
        {
            ("i1", "alice", AuditActions.InstanceStarted),
            ("i1", "system", "system.lines"),
            ("i2", "system", "system.lines"),
            ("i1", "system", AuditActions.NodeEntered),
            ("i1", "bob", "task.approved"),
            ("i1", "system", AuditActions.NodeCompleted),
            ("i1", "system", "system.lines"),
        }));
    }

    [Test]
    public async Task Ids_continue_after_a_run()
    {
        await using var fixture = await RuntimeStoreFixture.CreateAsync(StorageProvider.Sqlite);
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i1"), default));
        await fixture.WriteAsync(tx => fixture.Store.InsertInstanceAsync(tx, RuntimeStoreFixture.Instance("i2"), default));
        await fixture.WriteAsync(tx => fixture.Store.InsertAuditAsync(tx, AuditRunEntries.Step("i1", "i2"), default));

        // One line alone is stored without an explicit id, so AUTOINCREMENT must continue past the run's lines.
        await fixture.WriteAsync(tx => fixture.Store.InsertAuditAsync(tx,
            [new AuditEntry(0, "i1", RuntimeStoreFixture.Now, "carol", "task.commented", "approve", "task-1", "?", null, null)],
            default));

        var trail = await fixture.Store.GetAuditAsync("i1", default);
        var other = await fixture.Store.GetAuditAsync("i2", default);
        Assert.That(trail.Select(entry => entry.Id), Is.EqualTo(new long[] { 1, 2, 3, 4, 5, 8, 9 }));
        Assert.That(other.Select(entry => entry.Id), Is.EqualTo(new long[] { 6, 7 }));
        Assert.That(trail[^1].Actor, Is.EqualTo("carol"));
    }
}
