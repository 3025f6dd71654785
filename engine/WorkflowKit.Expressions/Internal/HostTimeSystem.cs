using System.Globalization;
using Jint.Runtime;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// Jint's clock: the instant of the current evaluation (from the host's TimeProvider or the scope), in the
/// tenant zone. <see cref="Now"/> is set before each evaluation; an engine runs one evaluation at a time.
/// </summary>
internal sealed class HostTimeSystem : ITimeSystem
{
    private readonly DefaultTimeSystem _inner;

    public HostTimeSystem(DateTimeOffset now, TimeZoneInfo timeZone)
    {
        Now = now;
        _inner = new DefaultTimeSystem(timeZone, CultureInfo.InvariantCulture);
    }

    public DateTimeOffset Now { get; set; }

    public TimeZoneInfo DefaultTimeZone => _inner.DefaultTimeZone;

    public DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    public bool TryParse(string date, out long epochMilliseconds) => _inner.TryParse(date, out epochMilliseconds);

    public TimeSpan GetUtcOffset(long epochMilliseconds) => _inner.GetUtcOffset(epochMilliseconds);
}
