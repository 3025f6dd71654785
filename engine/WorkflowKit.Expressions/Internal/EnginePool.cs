using System.Collections.Concurrent;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// Engines kept for reuse, per time zone (Jint fixes the zone when an engine is built). Holds at most
/// <see cref="MaxPerZone"/> idle engines per zone; more are built on demand and disposed when returned.
/// </summary>
internal sealed class EnginePool
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<ScriptEngine>> _idle = new(StringComparer.Ordinal);
    private readonly ScriptLimits _limits;
    private long _created;

    public EnginePool(ScriptLimits limits)
    {
        _limits = limits;
    }

    public static int MaxPerZone { get; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Engines built by this pool (for tests: reuse shows as a count that stays put).</summary>
    public long Created => Interlocked.Read(ref _created);

    public ScriptEngine Rent(DateTimeOffset now, TimeZoneInfo timeZone, CancellationToken cancellationToken)
    {
        if (_idle.TryGetValue(timeZone.Id, out var bag) && bag.TryTake(out var engine))
        {
            engine.Begin(now, cancellationToken);
            return engine;
        }

        Interlocked.Increment(ref _created);
        return ScriptEngine.Create(_limits, now, timeZone, cancellationToken, poolable: true);
    }

    /// <summary>Keeps the engine when its run succeeded and its globals could be restored; disposes it otherwise.</summary>
    public void Return(ScriptEngine engine, bool succeeded)
    {
        var bag = _idle.GetOrAdd(engine.TimeZoneId, static _ => []);
        if (succeeded && bag.Count < MaxPerZone && engine.TryReset())
        {
            bag.Add(engine);
            return;
        }

        engine.Dispose();
    }
}
