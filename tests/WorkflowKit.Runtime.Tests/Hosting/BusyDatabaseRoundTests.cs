using System.Data.Common;
using WorkflowKit.Runtime.Hosting;

namespace WorkflowKit.Runtime.Tests.Hosting;

/// <summary>
/// Which round failures the background round treats as a busy database, logged as one warning without a stack trace.
/// </summary>
public sealed class BusyDatabaseRoundTests
{
    [TestCase("55P03", true)]
    [TestCase("40001", false)]
    [TestCase(null, false)]
    public void Lock_timeout_is_busy(string? state, bool busy)
    {
        var error = new InvalidOperationException("round", new LockTimeoutException(state));

        Assert.That(DatabaseOutageBackoff.IsBusy(error), Is.EqualTo(busy));
    }

    /// <summary>PostgreSQL's lock_not_available error, or another state, without a server.</summary>
    private sealed class LockTimeoutException(string? state) : DbException("canceling statement due to lock timeout")
    {
        public override string? SqlState => state;
    }
}
