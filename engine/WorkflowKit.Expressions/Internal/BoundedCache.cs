using System.Collections.Concurrent;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// A thread-safe cache keyed by source text that holds at most a fixed number of entries and evicts the
/// oldest first. Two threads missing the same key at once may both build the value; one of them is kept.
/// </summary>
internal sealed class BoundedCache<TValue>
{
    private readonly ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly int _capacity;

    public BoundedCache(int capacity)
    {
        _capacity = capacity;
    }

    public int Count => _entries.Count;

    public TValue GetOrAdd(string key, Func<string, TValue> factory)
    {
        if (_entries.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var created = factory(key);
        if (!_entries.TryAdd(key, created))
        {
            return _entries.TryGetValue(key, out existing) ? existing : created;
        }

        _order.Enqueue(key);
        while (_entries.Count > _capacity && _order.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }

        return created;
    }
}
