using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;
using WorkflowKit.Storage.PostgreSql;

namespace WorkflowKit.Designer.Hosting.ScaleOut;

/// <summary>
/// Keeps the data-protection key ring in PostgreSQL (table <c>designer_data_protection_keys</c>,
/// migration 5900), so that every designer node behind a load balancer decrypts the cookies and
/// antiforgery tokens of every other. Keys are stored as ASP.NET Core writes them; when the
/// deployment configures key encryption at rest, the XML arrives here already encrypted.
/// </summary>
public sealed class PostgresXmlRepository : IXmlRepository, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresXmlRepository(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(PostgresConnectionString.Normalize(connectionString));
    }

    // IXmlRepository is synchronous; the key ring calls it rarely (start-up, refresh, key rotation).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = _dataSource.CreateCommand(
            "SELECT xml FROM designer_data_protection_keys ORDER BY created_at, friendly_name");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentException.ThrowIfNullOrWhiteSpace(friendlyName);
        using var command = _dataSource.CreateCommand(
            "INSERT INTO designer_data_protection_keys (friendly_name, xml) VALUES (@name, @xml) " +
            "ON CONFLICT (friendly_name) DO NOTHING");
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    public void Dispose() => _dataSource.Dispose();
}
