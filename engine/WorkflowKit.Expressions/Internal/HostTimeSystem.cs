using System.Globalization;
using Jint.Runtime;

namespace WorkflowKit.Expressions.Internal;

/// <summary>Jint's clock for one evaluation: a fixed instant from the host's TimeProvider, in the tenant zone.</summary>
internal sealed class HostTimeSystem : ITimeSystem
{
    private readonly DateTimeOffset _now;
    private readonly DefaultTimeSystem _inner;

    public HostTimeSystem(DateTimeOffset now, TimeZoneInfo timeZone)
    {
        _now = now;
        _inner = new DefaultTimeSystem(timeZone, CultureInfo.InvariantCulture);
    }

    public TimeZoneInfo DefaultTimeZone => _inner.DefaultTimeZone;

    public DateTimeOffset GetUtcNow() => _now.ToUniversalTime();

    public bool TryParse(string date, out long epochMilliseconds) => _inner.TryParse(date, out epochMilliseconds);

    public TimeSpan GetUtcOffset(long epochMilliseconds) => _inner.GetUtcOffset(epochMilliseconds);
}
