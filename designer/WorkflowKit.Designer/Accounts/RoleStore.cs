using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using WorkflowKit.Definitions;
using WorkflowKit.Designer.Services;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Accounts;

/// <summary>
/// Roles created on the roles page, in table <c>designer_roles</c> (migration 5002). Role membership is stored on
/// the account (<c>designer_users.roles</c>) through <see cref="AccountStore"/>, for these roles as for the others.
/// </summary>
public sealed partial class RoleStore(IDatabase database, TimeProvider timeProvider)
{
    public async Task<IReadOnlyList<CustomRole>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Key, string NameZh, string NameEn, string DescriptionZh,
            string DescriptionEn, string CreatedBy, object CreatedAt)>(
            "SELECT role_key, name_zh, name_en, description_zh, description_en, created_by, created_at " +
            "FROM designer_roles ORDER BY role_key");
        return [.. rows.Select(row => new CustomRole(
            row.Key, new LocalizedText(row.NameZh, row.NameEn), new LocalizedText(row.DescriptionZh, row.DescriptionEn),
            row.CreatedBy, ReadTime(row.CreatedAt)))];
    }

    /// <summary>
    /// Creates a role. Assignee and permission rules name the key, so it must be 2 to 40 lower-case letters, digits
    /// or hyphens, starting with a letter. An invalid or existing key throws <see cref="ArgumentException"/>.
    /// </summary>
    public async Task<CustomRole> CreateAsync(
        string key, LocalizedText name, LocalizedText description, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(description);
        key = (key ?? string.Empty).Trim();
        if (!KeyPattern().IsMatch(key))
        {
            throw new InvalidInputException(
                "Role key '{0}' is invalid; use 2 to 40 lower-case letters, digits or hyphens, starting with a " +
                "letter, such as 'qa-reviewer'.", nameof(key), key);
        }

        var nameZh = name.Get("zh-CN").Trim();
        var nameEn = name.Get("en").Trim();
        if (nameZh.Length == 0 && nameEn.Length == 0)
        {
            throw new InvalidInputException(
                "Role '{0}' has no name; type a Chinese or an English name.", nameof(name), key);
        }

        var role = new CustomRole(
            key,
            new LocalizedText(nameZh.Length > 0 ? nameZh : nameEn, nameEn.Length > 0 ? nameEn : nameZh),
            new LocalizedText(description.Get("zh-CN").Trim(), description.Get("en").Trim()),
            createdBy,
            timeProvider.GetUtcNow());
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(
            "INSERT INTO designer_roles (role_key, name_zh, name_en, description_zh, description_en, created_by, " +
            "created_at) VALUES (@Key, @NameZh, @NameEn, @DescriptionZh, @DescriptionEn, @CreatedBy, @CreatedAt) " +
            "ON CONFLICT (role_key) DO NOTHING",
            new
            {
                role.Key,
                NameZh = role.Name.Get("zh-CN"),
                NameEn = role.Name.Get("en"),
                DescriptionZh = role.Description.Get("zh-CN"),
                DescriptionEn = role.Description.Get("en"),
                role.CreatedBy,
                CreatedAt = database.Dialect == SqlDialect.PostgreSql
                    ? (object)role.CreatedAt
                    : role.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            });
        if (inserted == 0)
        {
            throw new InvalidInputException(
                "A role with key '{0}' already exists; choose another key.", nameof(key), key);
        }

        return role;
    }

    /// <summary>Deletes a role created on the roles page; <see cref="RoleCatalog.DeleteCustomAsync"/> checks that nothing uses it.</summary>
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM designer_roles WHERE role_key = @Key", new { Key = key }) > 0;
    }

    private static DateTimeOffset ReadTime(object value) => value switch
    {
        DateTimeOffset offset => offset,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => DateTimeOffset.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal),
    };

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex KeyPattern();
}
