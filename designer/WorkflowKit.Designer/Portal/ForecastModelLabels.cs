using System.Globalization;
using System.Text.RegularExpressions;
using WorkflowKit.Designer.Localization;

namespace WorkflowKit.Designer.Portal;

/// <summary>
/// Names of the forecasting models in the page's language, for the forecast dashboard. The forecasting component
/// reports a model by its technical name (<c>ses</c>, <c>theta-cleaned-2.5</c>) or, when the months of the horizon
/// use different models, as <c>per step: </c> followed by one name per month.
/// </summary>
public static partial class ForecastModelLabels
{
    /// <summary>Start of the name of a forecast whose months use different models.</summary>
    public const string PerStepPrefix = "per step: ";

    /// <summary>Backtest accuracy below which the dashboard marks a forecast as a rough guide.</summary>
    public const double LowAccuracy = 0.5;

    private static readonly Dictionary<string, string> Plain = new(StringComparer.Ordinal)
    {
        ["naive"] = "Last month repeated",
        ["seasonal-naive"] = "Same month last year",
        ["mean-of-last-3"] = "Mean of the last 3 months",
        ["ses"] = "Exponential smoothing",
        ["seasonal-ses"] = "Seasonal exponential smoothing",
        ["holt-damped"] = "Damped trend",
        ["holt-winters-additive"] = "Holt-Winters, additive season",
        ["holt-winters-multiplicative"] = "Holt-Winters, multiplicative season",
        ["theta"] = "Theta method",
        ["croston-sba"] = "Intermittent demand (Croston)",
        ["fasttree"] = "Gradient-boosted trees",
        ["blend"] = "Blend of models",
        ["smoothing-mean"] = "Mean of three smoothing models",
        ["zero"] = "No demand",
        ["none"] = "No forecast",
    };

    /// <summary>
    /// Returns the label of <paramref name="model"/> and, for a forecast whose months use different models, a
    /// detail that names the model of each month (null otherwise).
    /// </summary>
    public static (string Label, string? Detail) Describe(string model, UiText text)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(text);
        if (!model.StartsWith(PerStepPrefix, StringComparison.Ordinal))
        {
            return (Label(model, text), null);
        }

        var steps = model[PerStepPrefix.Length..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(step => Label(step, text))
            .ToList();
        if (steps.Distinct(StringComparer.Ordinal).Count() == 1)
        {
            return (steps[0], null);
        }

        var detail = string.Join(
            "; ",
            steps.Select((label, index) => text.Format("Month {0}: {1}", (index + 1).ToString(CultureInfo.InvariantCulture), label)));
        return (text["Differs by month"], detail);
    }

    /// <summary>Returns the label of one model name; an unknown name is shown as it is.</summary>
    private static string Label(string name, UiText text)
    {
        if (Plain.TryGetValue(name, out var label))
        {
            return text[label];
        }

        if (MovingAverage().Match(name) is { Success: true } average)
        {
            return text.Format("Moving average of {0} months", average.Groups["window"].Value);
        }

        if (Cleaned().Match(name) is { Success: true } cleaned)
        {
            return text.Format("{0}, outliers removed", Label(cleaned.Groups["inner"].Value, text));
        }

        return name;
    }

    [GeneratedRegex("^moving-average-(?<window>[0-9]+)$")]
    private static partial Regex MovingAverage();

    [GeneratedRegex("^(?<inner>.+)-cleaned-[0-9.]+$")]
    private static partial Regex Cleaned();
}
