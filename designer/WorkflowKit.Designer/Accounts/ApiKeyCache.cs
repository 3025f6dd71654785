using System.Collections.Concurrent;

namespace WorkflowKit.Designer.Accounts;

/// <summary>
/// The users of recently used API keys, by key hash, so that an API call does not read the key and the user from
/// the database every time. An entry expires <see cref="Expiry"/> after it was read, so a key revoked or a user
/// disabled through the database directly, or on another designer node, stops working within that time; changes
/// made through this node's <see cref="AccountStore"/> clear the cache at once. Unknown keys are not cached, so
/// random keys cannot fill it.
/// </summary>
internal sealed class ApiKeyCache(TimeProvider timeProvider)
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(10);

    /// <summary>Entries kept at most; the cache empties when it is full rather than tracking use.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, (DesignerUser User, DateTimeOffset ExpiresAt)> _entries =
        new(StringComparer.Ordinal);

    private long _generation;

    /// <summary>
    /// A counter that changes on every <see cref="Clear"/>. Read it before loading a user, to pass to <see cref="Add"/>.
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    public DesignerUser? Find(string keyHash)
    {
        if (!_entries.TryGetValue(keyHash, out var entry))
        {
            return null;
        }

        if (entry.ExpiresAt > timeProvider.GetUtcNow())
        {
            return entry.User;
        }

        _entries.TryRemove(new KeyValuePair<string, (DesignerUser, DateTimeOffset)>(keyHash, entry));
        return null;
    }

    /// <summary>
    /// Caches a user loaded while the cache was at <paramref name="generation"/>. A user loaded before the last
    /// <see cref="Clear"/> may predate the change that cleared it, so it is not cached.
    /// </summary>
    public void Add(string keyHash, DesignerUser user, long generation)
    {
        if (generation != Generation)
        {
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[keyHash] = (user, timeProvider.GetUtcNow() + Expiry);
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }
}
