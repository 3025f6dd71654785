using Microsoft.Extensions.Configuration;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Storage;

/// <summary>
/// Where the stores live: a provider and its connection string (a SQLite file path, or a
/// PostgreSQL connection string such as <c>Host=db;Database=workflowkit;Username=wk</c> or a
/// <c>postgres://</c> URL). Read from configuration or detected from one <c>--db</c> value.
/// </summary>
public sealed record StorageOptions(StorageProvider Provider, string ConnectionString)
{
    /// <summary>The configuration section: <c>WorkflowKit:Storage</c>.</summary>
    public const string Section = "WorkflowKit:Storage";

    /// <summary>
    /// Whether a SQLite commit waits for the WAL to reach the disk (<c>WorkflowKit:Storage:SqliteSynchronous</c>,
    /// <c>Full</c> by default); PostgreSQL ignores it.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>
    /// Reads <c>WorkflowKit:Storage:Provider</c> (<c>Sqlite</c> or <c>PostgreSql</c>; detected from
    /// the connection string when absent), <c>WorkflowKit:Storage:ConnectionString</c> and
    /// <c>WorkflowKit:Storage:SqliteSynchronous</c>; <paramref name="defaultSqlitePath"/> applies
    /// when no connection string is configured.
    /// </summary>
    public static StorageOptions FromConfiguration(IConfiguration configuration, string defaultSqlitePath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var synchronous = ReadSynchronous(section["SqliteSynchronous"]);
        return ReadProvider(section, defaultSqlitePath) with { SqliteSynchronous = synchronous };
    }

    private static SqliteSynchronous ReadSynchronous(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return SqliteSynchronous.Full;
        }

        // Names only: Enum.TryParse would also take "1" for Normal.
        var name = Enum.GetNames<SqliteSynchronous>()
            .FirstOrDefault(candidate => candidate.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            throw new InvalidOperationException(
                $"{Section}:SqliteSynchronous is \"{value}\"; expected \"Full\" (no committed transaction is lost on " +
                "power loss) or \"Normal\" (faster, the last commits before a power loss can be lost). Fix the " +
                "setting (appsettings.json or the WorkflowKit__Storage__SqliteSynchronous environment variable).");
        }

        return Enum.Parse<SqliteSynchronous>(name);
    }

    private static StorageOptions ReadProvider(IConfigurationSection section, string defaultSqlitePath)
    {
        var provider = section["Provider"];
        var connectionString = section["ConnectionString"];
        if (string.IsNullOrWhiteSpace(provider))
        {
            return Detect(string.IsNullOrWhiteSpace(connectionString) ? defaultSqlitePath : connectionString);
        }

        if (!Enum.TryParse<StorageProvider>(provider, ignoreCase: true, out var parsed) ||
            !Enum.IsDefined(parsed))
        {
            throw new InvalidOperationException(
                $"{Section}:Provider is \"{provider}\"; expected \"Sqlite\" or \"PostgreSql\". Fix the setting " +
                "(appsettings.json or the WorkflowKit__Storage__Provider environment variable).");
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (parsed == StorageProvider.PostgreSql)
            {
                throw new InvalidOperationException(
                    $"{Section}:Provider is PostgreSql but {Section}:ConnectionString is empty. Set it to a " +
                    "connection string such as \"Host=db;Database=workflowkit;Username=wk;Password=...\".");
            }

            connectionString = defaultSqlitePath;
        }

        return new StorageOptions(parsed, connectionString);
    }

    /// <summary>
    /// PostgreSQL when the value is a <c>postgres://</c> or <c>postgresql://</c> URL or a keyword
    /// connection string with a <c>Host=</c> (or <c>Server=</c>) part; otherwise a SQLite file path.
    /// </summary>
    public static StorageOptions Detect(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var trimmed = value.Trim();
        return LooksLikePostgres(trimmed)
            ? new StorageOptions(StorageProvider.PostgreSql, trimmed)
            : new StorageOptions(StorageProvider.Sqlite, trimmed);
    }

    /// <summary>The connection string with any password replaced by <c>***</c>, for messages and logs.</summary>
    public string Redacted => Redact(ConnectionString);

    public override string ToString() => $"{Provider}: {Redacted}";

    internal static string Redact(string connectionString)
    {
        if (Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':'))
        {
            var user = uri.UserInfo[..uri.UserInfo.IndexOf(':', StringComparison.Ordinal)];
            return connectionString.Replace(uri.UserInfo, user + ":***", StringComparison.Ordinal);
        }

        return string.Join(';', connectionString.Split(';').Select(part =>
            part.TrimStart().StartsWith("Password=", StringComparison.OrdinalIgnoreCase) ? "Password=***" : part));
    }

    private static bool LooksLikePostgres(string value)
    {
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
            value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return value.Split(';').Any(part =>
        {
            var name = part.Split('=', 2)[0].Trim();
            return part.Contains('=', StringComparison.Ordinal) &&
                   (name.Equals("Host", StringComparison.OrdinalIgnoreCase) ||
                    name.Equals("Server", StringComparison.OrdinalIgnoreCase));
        });
    }
}
