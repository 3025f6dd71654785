namespace WorkflowKit.Forecasting.Internal;

/// <summary>Quantiles of the standard normal distribution.</summary>
internal static class NormalDistribution
{
    /// <summary>
    /// Returns z such that a standard normal variable exceeds z with probability <paramref name="upperTail"/>
    /// (0 &lt; p ≤ 0.5), by the rational approximation of Abramowitz and Stegun, Handbook of Mathematical
    /// Functions, formula 26.2.23, with an absolute error below 4.5e-4.
    /// </summary>
    public static double UpperQuantile(double upperTail)
    {
        if (upperTail is <= 0 or > 0.5 || double.IsNaN(upperTail))
        {
            throw new ArgumentOutOfRangeException(nameof(upperTail), upperTail, "Use a tail probability in (0, 0.5].");
        }

        var t = Math.Sqrt(-2 * Math.Log(upperTail));
        var numerator = 2.515517 + (0.802853 * t) + (0.010328 * t * t);
        var denominator = 1 + (1.432788 * t) + (0.189269 * t * t) + (0.001308 * t * t * t);
        return Math.Max(0, t - (numerator / denominator));
    }
}
