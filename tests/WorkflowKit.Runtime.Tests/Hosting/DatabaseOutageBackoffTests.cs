using System.Data.Common;
using System.Net.Sockets;
using WorkflowKit.Runtime.Hosting;

namespace WorkflowKit.Runtime.Tests.Hosting;

/// <summary>The wait between background rounds while the database is unreachable, and what counts as unreachable.</summary>
public sealed class DatabaseOutageBackoffTests
{
    [TestCase(1, 2)]
    [TestCase(2, 4)]
    [TestCase(3, 8)]
    [TestCase(5, 32)]
    [TestCase(6, 60)]
    [TestCase(40, 60)]
    public void Delay_DoublesUpToOneMinute(int failedRounds, int expectedSeconds) =>
        Assert.That(DatabaseOutageBackoff.Delay(TimeSpan.FromSeconds(2), failedRounds),
            Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));

    [Test]
    public void Delay_LongPollInterval_KeepsIt() =>
        Assert.That(DatabaseOutageBackoff.Delay(TimeSpan.FromMinutes(5), 3), Is.EqualTo(TimeSpan.FromMinutes(5)));

    [TestCase(null, true)]
    [TestCase("08006", true)]
    [TestCase("57P01", true)]
    [TestCase("53300", true)]
    [TestCase("40001", false)]
    public void IsOutage_TransientDbError_ChecksState(string? state, bool expected) =>
        Assert.That(
            DatabaseOutageBackoff.IsOutage(new InvalidOperationException("round", new TestDbException(true, state))),
            Is.EqualTo(expected));

    [Test]
    public void IsOutage_SocketError_IsOutage() =>
        Assert.That(DatabaseOutageBackoff.IsOutage(new SocketException((int)SocketError.ConnectionRefused)), Is.True);

    [Test]
    public void IsOutage_PermanentDbError_IsNot() =>
        Assert.That(DatabaseOutageBackoff.IsOutage(new TestDbException(false, "42P01")), Is.False);

    private sealed class TestDbException(bool transient, string? state) : DbException("test")
    {
        public override bool IsTransient => transient;

        public override string? SqlState => state;
    }
}
