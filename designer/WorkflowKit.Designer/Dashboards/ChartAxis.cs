namespace WorkflowKit.Designer.Dashboards;

/// <summary>
/// The value axis of a dashboard bar chart: a round tick step (1, 2 or 5 times a power of ten, at least 1) chosen so
/// that the largest value fits in at most <see cref="MaxSteps"/> steps, and the axis ends at the first tick at or
/// above that value. Counts of 1 to 5 get an axis to 5 in steps of 1; 1,200 yuan gets 0 to 1,200 in steps of 200.
/// </summary>
public sealed record ChartAxis(int Step, int Max)
{
    /// <summary>The maximum number of steps between zero and <see cref="Max"/>.</summary>
    public const int MaxSteps = 6;

    /// <summary>The number of tick labels on the axis, zero included.</summary>
    public int TickCount => (Max / Step) + 1;

    /// <summary>Fits the axis to the largest of <paramref name="values"/>; an empty or all-zero chart gets 0 to 1.</summary>
    public static ChartAxis Fit(IEnumerable<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var largest = values.DefaultIfEmpty(0m).Max();
        if (largest <= 0m)
        {
            return new ChartAxis(1, 1);
        }

        var step = RoundStep(largest / MaxSteps);
        var max = (int)Math.Ceiling(largest / step) * step;
        return new ChartAxis(step, max);
    }

    // The smallest 1, 2 or 5 times a power of ten that is at least the raw step; the axis options take whole numbers.
    private static int RoundStep(decimal raw)
    {
        var power = 1m;
        while (power * 10m <= raw)
        {
            power *= 10m;
        }

        foreach (var factor in new[] { 1m, 2m, 5m, 10m })
        {
            if (factor * power >= raw)
            {
                return (int)(factor * power);
            }
        }

        return (int)(10m * power);
    }
}
