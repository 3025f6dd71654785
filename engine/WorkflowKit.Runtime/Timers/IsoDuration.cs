using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkflowKit.Runtime.Timers;

/// <summary>
/// An ISO 8601 duration such as "P2D", "PT4H30M" or "P1W". Years, months and days are calendar
/// units added to local time; hours, minutes and seconds are elapsed time.
/// </summary>
public sealed partial record IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    public static IsoDuration Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = DurationPattern().Match(text);
        if (!match.Success || text is "P" or "PT" || text.EndsWith('T'))
        {
            throw new FormatException(
                $"Expected an ISO 8601 duration such as \"P2D\", \"PT4H\" or \"P1DT12H\", got \"{text}\".");
        }

        var weeks = Number(match, "w");
        var seconds = match.Groups["s"].Success
            ? decimal.Parse(match.Groups["s"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            : 0m;
        var time = TimeSpan.FromHours(Number(match, "h")) + TimeSpan.FromMinutes(Number(match, "mi"))
            + TimeSpan.FromMilliseconds((double)(seconds * 1000m));
        return new IsoDuration(Number(match, "y"), Number(match, "mo"), Number(match, "d") + (7 * weeks), time);
    }

    /// <summary>Adds the duration to a local wall-clock time.</summary>
    public DateTime AddTo(DateTime local) => local.AddYears(Years).AddMonths(Months).AddDays(Days).Add(Time);

    /// <summary>The duration as elapsed time, counting a day as 24 hours; years and months are not allowed.</summary>
    public TimeSpan ToTimeSpan()
    {
        if (Years != 0 || Months != 0)
        {
            throw new InvalidOperationException(
                "A duration with years or months has no fixed length; use days, hours, minutes or seconds.");
        }

        return TimeSpan.FromDays(Days) + Time;
    }

    private static int Number(Match match, string group) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(
        @"^P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?" +
        @"(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+(?:\.\d+)?)S)?)?$",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DurationPattern();
}
