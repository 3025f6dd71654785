using Microsoft.Extensions.Configuration;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Storage.Tests.Configuration;

public sealed class StorageOptionsTests
{
    [TestCase("./workflowkit.db", StorageProvider.Sqlite)]
    [TestCase("/var/lib/wk/Host=odd-name.db", StorageProvider.Sqlite)]
    [TestCase("Host=db;Database=wk;Username=wk", StorageProvider.PostgreSql)]
    [TestCase("Server=db;Database=wk", StorageProvider.PostgreSql)]
    [TestCase("postgres://wk:secret@db:5432/wk", StorageProvider.PostgreSql)]
    [TestCase("postgresql://db/wk", StorageProvider.PostgreSql)]
    public void Detect_picks_provider(string value, StorageProvider expected) =>
        Assert.That(StorageOptions.Detect(value).Provider, Is.EqualTo(expected));

    [Test]
    public void Configuration_names_provider_and_string()
    {
        var options = StorageOptions.FromConfiguration(Configuration(new()
        {
            ["WorkflowKit:Storage:Provider"] = "postgresql",
            ["WorkflowKit:Storage:ConnectionString"] = "Host=db;Database=wk",
        }), "workflowkit.db");

        Assert.That(options, Is.EqualTo(new StorageOptions(StorageProvider.PostgreSql, "Host=db;Database=wk")));
    }

    [Test]
    public void Empty_configuration_uses_sqlite_default()
    {
        var options = StorageOptions.FromConfiguration(Configuration(new()), "workflowkit.db");

        Assert.That(options, Is.EqualTo(new StorageOptions(StorageProvider.Sqlite, "workflowkit.db")));
    }

    [Test]
    public void Unknown_provider_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageOptions.FromConfiguration(
            Configuration(new() { ["WorkflowKit:Storage:Provider"] = "Oracle" }), "workflowkit.db"));

        Assert.That(error!.Message, Does.StartWith(
            "WorkflowKit:Storage:Provider is \"Oracle\"; expected \"Sqlite\" or \"PostgreSql\"."));
    }

    [Test]
    public void Postgres_without_string_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageOptions.FromConfiguration(
            Configuration(new() { ["WorkflowKit:Storage:Provider"] = "PostgreSql" }), "workflowkit.db"));

        Assert.That(error!.Message, Does.Contain("WorkflowKit:Storage:ConnectionString is empty"));
    }

    [Test]
    public void Sqlite_synchronous_defaults_to_full()
    {
        var options = StorageOptions.FromConfiguration(Configuration(new()), "workflowkit.db");

        Assert.That(options.SqliteSynchronous, Is.EqualTo(SqliteSynchronous.Full));
    }

    [TestCase("normal", SqliteSynchronous.Normal)]
    [TestCase("Full", SqliteSynchronous.Full)]
    public void Sqlite_synchronous_read_from_configuration(string value, SqliteSynchronous expected)
    {
        var options = StorageOptions.FromConfiguration(
            Configuration(new() { ["WorkflowKit:Storage:SqliteSynchronous"] = value }), "workflowkit.db");

        Assert.That(options.SqliteSynchronous, Is.EqualTo(expected));
        Assert.That(options.Provider, Is.EqualTo(StorageProvider.Sqlite));
    }

    [TestCase("off")]
    [TestCase("2")]
    public void Unknown_sqlite_synchronous_is_refused(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageOptions.FromConfiguration(
            Configuration(new() { ["WorkflowKit:Storage:SqliteSynchronous"] = value }), "workflowkit.db"));

        Assert.That(error!.Message, Does.StartWith(
            $"WorkflowKit:Storage:SqliteSynchronous is \"{value}\"; expected \"Full\""));
    }

    [TestCase("Host=db;Username=wk;Password=secret", "Host=db;Username=wk;Password=***")]
    [TestCase("postgres://wk:secret@db/wk", "postgres://wk:***@db/wk")]
    public void Redacted_hides_password(string connectionString, string expected) =>
        Assert.That(StorageOptions.Detect(connectionString).Redacted, Is.EqualTo(expected));

    [Test]
    public void Url_becomes_keyword_string()
    {
        var normalized = PostgresConnectionString.Normalize(
            "postgres://wk:p%40ss@db.internal:6543/workflowkit?sslmode=require&application_name=node-a");

        Assert.That(normalized, Is.EqualTo(
            "Host=db.internal;Port=6543;Username=wk;Password=p@ss;Database=workflowkit;SSL Mode=Require;" +
            "Application Name=node-a"));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
