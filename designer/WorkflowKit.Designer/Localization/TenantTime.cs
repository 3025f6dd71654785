using System.Globalization;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Localization;

/// <summary>
/// Formats the stored UTC times for screens in the tenant time zone (<see cref="EngineOptions.TimeZone"/>), the zone
/// in which the engine also evaluates deadlines, so that every page shows one clock.
/// </summary>
public sealed class TenantTime(EngineOptions options)
{
    private readonly Lazy<TimeZoneInfo> _zone = new(() => TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));

    /// <summary>The IANA or Windows id of the zone, such as "Asia/Shanghai".</summary>
    public string ZoneId => options.TimeZone;

    public TimeZoneInfo Zone => _zone.Value;

    /// <summary>Formats <paramref name="at"/> as "yyyy-MM-dd HH:mm" in the tenant zone.</summary>
    public string Format(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Formats a time that may be missing; an empty string when it is.</summary>
    public string Format(DateTimeOffset? at) => at is { } value ? Format(value) : string.Empty;

    /// <summary>The caption that names the zone, such as "Times in Asia/Shanghai", in the page language.</summary>
    public string Caption(UiText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Format("Times in {0}", ZoneId);
    }
}
