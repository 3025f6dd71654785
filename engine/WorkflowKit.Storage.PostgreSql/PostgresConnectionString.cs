using System.Globalization;
using Npgsql;

namespace WorkflowKit.Storage.PostgreSql;

/// <summary>
/// Accepts both forms operators paste: keyword strings (<c>Host=db;Database=wk;Username=wk</c>)
/// and URLs (<c>postgres://wk:secret@db:5432/wk?sslmode=require</c>), and returns the keyword form
/// that Npgsql reads.
/// </summary>
public static class PostgresConnectionString
{
    public static string Normalize(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var value = connectionString.Trim();
        if (!value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) &&
            !value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(value).ConnectionString;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException(
                "Expected a URL such as postgres://user:password@host:5432/database, got one that does not parse; " +
                "check the host and escape special characters in the password with %XX.", nameof(connectionString));
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, setting) = pair.Split('=', 2) switch
            {
                [var n, var s] => (Uri.UnescapeDataString(n), Uri.UnescapeDataString(s)),
                [var n] => (Uri.UnescapeDataString(n), string.Empty),
                _ => (string.Empty, string.Empty),
            };
            builder[Keyword(name)] = setting;
        }

        return builder.ConnectionString;
    }

    // libpq spells some keywords differently from Npgsql; the rest pass through unchanged.
    private static string Keyword(string name) => name.ToLower(CultureInfo.InvariantCulture) switch
    {
        "sslmode" => "SSL Mode",
        "application_name" => "Application Name",
        "connect_timeout" => "Timeout",
        _ => name,
    };
}
