using System.Globalization;
using Jint;
using Jint.Native;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// One configured Jint engine with the host helpers installed. A pooled instance is reused for scripts that
/// <see cref="EngineReuse"/> accepts; its globals are restored from a snapshot after each successful run.
/// </summary>
internal sealed class ScriptEngine : IDisposable
{
    private readonly HostTimeSystem _clock;
    private readonly HostCancellationConstraint _cancellation;
    private readonly GlobalSnapshot? _snapshot;

    private ScriptEngine(
        Engine engine, HostTimeSystem clock, HostCancellationConstraint cancellation, JsValue serializer, bool poolable)
    {
        Engine = engine;
        _clock = clock;
        _cancellation = cancellation;
        Serializer = serializer;
        TimeZoneId = clock.DefaultTimeZone.Id;
        _snapshot = poolable ? engine.Advanced.CaptureGlobalSnapshot() : null;
    }

    public Engine Engine { get; }

    /// <summary><c>JSON.stringify</c> as it was before any user code ran.</summary>
    public JsValue Serializer { get; }

    public string TimeZoneId { get; }

    public static ScriptEngine Create(
        ScriptLimits limits, DateTimeOffset now, TimeZoneInfo timeZone, CancellationToken cancellationToken,
        bool poolable)
    {
        var clock = new HostTimeSystem(now, timeZone);
        var cancellation = new HostCancellationConstraint { Token = cancellationToken };
        var engine = new Engine(options =>
        {
            options.Constraint(new ScriptClockConstraint(limits.TimeLimit));
            options.MaxStatements(limits.MaxStatements);
            options.LimitMemory(limits.MemoryLimitBytes);
            options.LimitRecursion(limits.MaxRecursionDepth);
            options.Constraints.RegexTimeout = limits.RegexTimeout;
            options.Constraints.MaxArraySize = (uint)Math.Clamp(limits.MemoryLimitBytes / 16, 1024, uint.MaxValue);
            // A pooled engine outlives the caller's token, so only the replaceable constraint may hold it.
            options.CancellationToken(poolable ? CancellationToken.None : cancellationToken);
            options.Constraint(cancellation);
            options.DisableStringCompilation();
            options.TimeSystem = clock;
            options.TimeZone = timeZone;
            options.Culture = CultureInfo.InvariantCulture;
        });
        var serializer = ScriptHelpers.Install(engine, limits.MemoryLimitBytes);
        return new ScriptEngine(engine, clock, cancellation, serializer, poolable);
    }

    /// <summary>Prepares a pooled engine for the next evaluation: its clock and its cancellation token.</summary>
    public void Begin(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _clock.Now = now;
        _cancellation.Token = cancellationToken;
    }

    /// <summary>Returns the globals to their state after the helpers were installed; false when not poolable.</summary>
    public bool TryReset()
    {
        if (_snapshot is null)
        {
            return false;
        }

        Engine.Advanced.RestoreGlobalSnapshot(_snapshot);
        _cancellation.Token = CancellationToken.None;
        return true;
    }

    public void Dispose() => Engine.Dispose();
}
