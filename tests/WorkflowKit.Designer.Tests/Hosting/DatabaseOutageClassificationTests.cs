using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using WorkflowKit.Designer.Hosting;

namespace WorkflowKit.Designer.Tests.Hosting;

/// <summary>Which database exceptions <see cref="DatabaseOutage.IsOutage"/> counts as an unreachable database.</summary>
[TestFixture]
public sealed class DatabaseOutageClassificationTests
{
    [TestCase("57P01", true)]
    [TestCase("57P03", true)]
    [TestCase("08006", true)]
    [TestCase("53300", true)]
    [TestCase("23505", false)]
    [TestCase("40001", false)]
    [TestCase("42P01", false)]
    public void Postgres_state_classifies(string sqlState, bool outage)
    {
        var error = new PostgresException("server message", "FATAL", "FATAL", sqlState);

        Assert.That(DatabaseOutage.IsOutage(error), Is.EqualTo(outage));
    }

    [Test]
    public void Refused_connection_is_outage()
    {
        var error = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));

        Assert.That(DatabaseOutage.IsOutage(error), Is.True);
        Assert.That(DatabaseOutage.IsOutage(new InvalidOperationException("wrapped", error)), Is.True);
    }

    [Test]
    public void Broken_stream_is_outage()
    {
        var error = new NpgsqlException("Exception while reading from stream", new IOException("reset"));

        Assert.That(DatabaseOutage.IsOutage(error), Is.True);
    }

    [TestCase(14, true)]
    [TestCase(8, true)]
    [TestCase(10, true)]
    [TestCase(19, false)]
    [TestCase(1, false)]
    public void Sqlite_code_classifies(int code, bool outage)
    {
        var error = new SqliteException("SQLite Error", code);

        Assert.That(DatabaseOutage.IsOutage(error), Is.EqualTo(outage));
    }

    [Test]
    public void Other_exceptions_are_not_outage()
    {
        Assert.That(DatabaseOutage.IsOutage(new InvalidOperationException("state")), Is.False);
        Assert.That(DatabaseOutage.IsOutage(new TimeoutException("slow")), Is.False);
        Assert.That(DatabaseOutage.IsOutage(null), Is.False);
    }

    [Test]
    public async Task Missing_sqlite_folder_is_outage()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wk-outage-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "gone", "designer.db");
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadWriteCreate;Pooling=False");

        var error = Assert.CatchAsync<SqliteException>(() => connection.OpenAsync());

        Assert.That(DatabaseOutage.IsOutage(error), Is.True, error!.Message);
    }
}
