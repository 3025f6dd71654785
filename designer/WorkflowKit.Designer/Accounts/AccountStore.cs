using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Identity;
using WorkflowKit.Designer.Services;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Accounts;

/// <summary>
/// Accounts, departments and API keys in the designer tables. Passwords are hashed with
/// ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with HMAC-SHA512). The SQL
/// runs on SQLite and PostgreSQL: flags are bound as booleans (SQLite stores them as 0 or 1) and
/// times as ISO 8601 text on SQLite and TIMESTAMPTZ on PostgreSQL.
/// </summary>
public sealed class AccountStore(IDatabase database, TimeProvider timeProvider)
{
    private static readonly PasswordHasher<DesignerUser> Hasher = new();

    private readonly ApiKeyCache _apiKeys = new(timeProvider);

    /// <summary>Fewest characters a password may have.</summary>
    public const int MinimumPasswordLength = 8;

    public static IReadOnlyList<string> Cultures { get; } = ["zh-CN", "en"];

    public Task<DesignerUser> CreateAsync(NewUser user, CancellationToken cancellationToken) =>
        CreateAsync(user, passwordHash: null, cancellationToken);

    /// <summary>
    /// Creates an account whose password hash was computed by <see cref="HashPassword"/>. Demo and sample accounts
    /// share one printed password, so they share one hash: each PBKDF2 hash takes a noticeable CPU time (about
    /// 0.5 s measured on a busy two-core machine), which adds up over two dozen accounts on first start.
    /// </summary>
    public async Task<DesignerUser> CreateAsync(NewUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(user.UserName);
        if (user.Password.Length < MinimumPasswordLength)
        {
            throw new InvalidInputException(
                "The password of '{0}' has {1} characters; use at least {2}.", nameof(user), user.UserName,
                user.Password.Length, MinimumPasswordLength);
        }

        var created = new DesignerUser(
            user.UserName, user.UserName, user.DisplayName, user.DepartmentId, user.Roles, user.Attributes,
            user.Culture, Disabled: false);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO designer_users (id, user_name, display_name, password_hash, department_id, roles, " +
            "attributes, culture, created_at) VALUES (@Id, @UserName, @DisplayName, @Hash, @DepartmentId, @Roles, " +
            "@Attributes, @Culture, @CreatedAt)",
            new
            {
                created.Id,
                created.UserName,
                created.DisplayName,
                Hash = passwordHash ?? Hasher.HashPassword(created, user.Password),
                created.DepartmentId,
                Roles = JsonSerializer.Serialize(user.Roles),
                Attributes = JsonSerializer.Serialize(user.Attributes),
                created.Culture,
                CreatedAt = Now(),
            });
        return created;
    }

    /// <summary>Hashes a password for <see cref="CreateAsync(NewUser, string, CancellationToken)"/>.</summary>
    public static string HashPassword(string password)
    {
        // The version 3 hash format (PBKDF2 with a random salt) does not read the user.
        var nobody = new DesignerUser(
            string.Empty, string.Empty, string.Empty, null, [], new Dictionary<string, string>(), "en", Disabled: false);
        return Hasher.HashPassword(nobody, password);
    }

    /// <summary>Returns the user when the name exists, is enabled and the password matches.</summary>
    public async Task<DesignerUser?> VerifyPasswordAsync(
        string userName, string password, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
            SelectUser + " WHERE user_name = @userName", new { userName });
        if (row is null || row.Disabled != 0)
        {
            return null;
        }

        var user = row.ToUser();
        var result = Hasher.VerifyHashedPassword(user, row.Password_Hash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var hash = Hasher.HashPassword(user, password);
            await connection.ExecuteAsync(
                "UPDATE designer_users SET password_hash = @hash WHERE id = @id", new { hash, id = user.Id });
            user = user with { SessionStamp = StampOf(hash) };
        }

        return result == PasswordVerificationResult.Failed ? null : user;
    }

    public async Task<DesignerUser?> FindAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
            SelectUser + " WHERE id = @userId", new { userId });
        return row?.ToUser();
    }

    public async Task<IReadOnlyList<DesignerUser>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserRow>(SelectUser + " ORDER BY user_name");
        return [.. rows.Select(row => row.ToUser())];
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM designer_users");
    }

    public async Task SetCultureAsync(string userId, string culture, CancellationToken cancellationToken)
    {
        if (!Cultures.Contains(culture, StringComparer.Ordinal))
        {
            throw new InvalidInputException(
                "Unsupported UI language '{0}'; expected one of {1}.", nameof(culture), culture,
                string.Join(", ", Cultures));
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE designer_users SET culture = @culture WHERE id = @userId", new { culture, userId });
    }

    public async Task UpdateAsync(DesignerUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE designer_users SET display_name = @DisplayName, department_id = @DepartmentId, roles = @Roles, " +
            "attributes = @Attributes, disabled = @Disabled WHERE id = @Id",
            new
            {
                user.DisplayName,
                user.DepartmentId,
                Roles = JsonSerializer.Serialize(user.Roles),
                Attributes = JsonSerializer.Serialize(user.Attributes),
                user.Disabled,
                user.Id,
            });

        // After the write: a lookup that read the old row before it then finds the generation changed.
        _apiKeys.Clear();
    }

    /// <summary>
    /// Gives a user a role or takes it away; returns false when the user already had (or lacked) it. The roles column
    /// is compared on write, so a concurrent change of the same user is read again instead of being overwritten.
    /// </summary>
    public async Task<bool> SetRoleAsync(string userId, string role, bool member, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        const int Attempts = 5;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            var previous = await connection.QuerySingleOrDefaultAsync<string>(
                "SELECT roles FROM designer_users WHERE id = @userId", new { userId })
                ?? throw new InvalidInputException("No user with id '{0}'; reload the page.", nameof(userId), userId);
            var current = JsonSerializer.Deserialize<List<string>>(previous) ?? [];
            if (current.Contains(role, StringComparer.Ordinal) == member)
            {
                return false;
            }

            List<string> roles = member
                ? [.. current, role]
                : [.. current.Where(item => !string.Equals(item, role, StringComparison.Ordinal))];
            var updated = await connection.ExecuteAsync(
                "UPDATE designer_users SET roles = @roles WHERE id = @userId AND roles = @previous",
                new { roles = JsonSerializer.Serialize(roles), userId, previous });
            if (updated == 1)
            {
                return true;
            }
        }

        throw new ConcurrencyConflictException(
            $"The roles of user '{userId}' kept changing during {Attempts} attempts; reload the page and try again.");
    }

    /// <summary>Sets the password of <paramref name="userId"/> without asking for the old one, as an admin does.</summary>
    /// <exception cref="ArgumentException">The user does not exist, or the password is too short.</exception>
    public async Task SetPasswordAsync(string userId, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinimumPasswordLength)
        {
            throw new InvalidInputException(
                "The new password of '{0}' has {1} characters; use at least {2}.", nameof(password), userId,
                password.Length, MinimumPasswordLength);
        }

        var user = await FindAsync(userId, cancellationToken)
            ?? throw new InvalidInputException("No user with id '{0}'; reload the page.", nameof(userId), userId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE designer_users SET password_hash = @hash WHERE id = @userId",
            new { hash = Hasher.HashPassword(user, password), userId });
    }

    /// <summary>
    /// Replaces the password of <paramref name="userId"/> when <paramref name="currentPassword"/> is right, as a user
    /// does for themselves. Any other outcome names the reason and stores nothing.
    /// </summary>
    public async Task<PasswordChange> ChangePasswordAsync(
        string userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(currentPassword);
        ArgumentNullException.ThrowIfNull(newPassword);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(SelectUser + " WHERE id = @userId", new { userId });
        if (row is null || row.Disabled != 0)
        {
            return PasswordChange.WrongPassword;
        }

        var user = row.ToUser();
        if (Hasher.VerifyHashedPassword(user, row.Password_Hash, currentPassword) == PasswordVerificationResult.Failed)
        {
            return PasswordChange.WrongPassword;
        }

        if (newPassword.Length < MinimumPasswordLength)
        {
            return PasswordChange.TooShort;
        }

        if (string.Equals(newPassword, currentPassword, StringComparison.Ordinal))
        {
            return PasswordChange.Unchanged;
        }

        await connection.ExecuteAsync(
            "UPDATE designer_users SET password_hash = @hash WHERE id = @userId",
            new { hash = Hasher.HashPassword(user, newPassword), userId });
        return PasswordChange.Changed;
    }

    public async Task<IReadOnlyList<Department>> ListDepartmentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Department>(
            "SELECT id AS Id, name AS Name, parent_id AS ParentId, manager_id AS ManagerId " +
            "FROM designer_departments ORDER BY id");
        return [.. rows];
    }

    public async Task SaveDepartmentAsync(Department department, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(department);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO designer_departments (id, name, parent_id, manager_id) VALUES (@Id, @Name, @ParentId, " +
            "@ManagerId) ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id, " +
            "manager_id = excluded.manager_id",
            department);
    }

    /// <summary>Creates an API key for a user and returns the secret, which is shown once and never stored.</summary>
    public async Task<string> CreateApiKeyAsync(string userId, string name, CancellationToken cancellationToken)
    {
        var secret = "wk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO designer_api_keys (id, user_id, name, key_hash, created_at) " +
            "VALUES (@Id, @userId, @name, @Hash, @CreatedAt)",
            new { Id = Guid.NewGuid().ToString("N"), userId, name, Hash = HashApiKey(secret), CreatedAt = Now() });
        return secret;
    }

    /// <summary>
    /// Finds the active user of an API key, from a cache of recently used keys (<see cref="ApiKeyCache"/>: entries
    /// expire after 10 seconds) or else from the database.
    /// </summary>
    public async Task<DesignerUser?> FindByApiKeyAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = HashApiKey(secret);
        if (_apiKeys.Find(hash) is { } cached)
        {
            return cached;
        }

        var generation = _apiKeys.Generation;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
            SelectUser + " WHERE id = (SELECT user_id FROM designer_api_keys WHERE key_hash = @hash AND revoked = @revoked)",
            new { hash, revoked = false });
        if (row is null || row.Disabled != 0)
        {
            return null;
        }

        var user = row.ToUser();
        _apiKeys.Add(hash, user, generation);
        return user;
    }

    // The secret has 256 random bits, so one SHA-256 round resists guessing; PBKDF2 would only
    // slow down every API call.
    private static string HashApiKey(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    private object Now() => database.Dialect == SqlDialect.PostgreSql
        ? timeProvider.GetUtcNow()
        : timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private string SelectUser =>
        "SELECT id AS Id, user_name AS User_Name, display_name AS Display_Name, password_hash AS Password_Hash, " +
        "department_id AS Department_Id, roles AS Roles, attributes AS Attributes, culture AS Culture, " +
        (database.Dialect == SqlDialect.PostgreSql ? "CAST(disabled AS INTEGER)::BIGINT" : "disabled") +
        " AS Disabled FROM designer_users";

    private sealed record UserRow(
        string Id,
        string User_Name,
        string Display_Name,
        string Password_Hash,
        string? Department_Id,
        string Roles,
        string Attributes,
        string Culture,
        long Disabled)
    {
        public DesignerUser ToUser() => new(
            Id,
            User_Name,
            Display_Name,
            Department_Id,
            JsonSerializer.Deserialize<List<string>>(Roles) ?? [],
            JsonSerializer.Deserialize<Dictionary<string, string>>(Attributes) ?? [],
            Culture,
            Disabled != 0)
        {
            SessionStamp = StampOf(Password_Hash),
        };
    }

    /// <summary>A short digest of the stored password hash, which is salted anew on every password change.</summary>
    private static string StampOf(string passwordHash) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(passwordHash)).AsSpan(0, 12));
}
