namespace WorkflowKit.Forecasting.Tests;

/// <summary>Builders of sales histories from known generating functions, with seeded noise.</summary>
internal static class SyntheticSales
{
    /// <summary>Returns one observation per month from <paramref name="firstMonth"/>, values[t] in month t.</summary>
    public static List<SalesObservation> Monthly(
        string product,
        DateOnly firstMonth,
        IEnumerable<double> values,
        string? customer = null) =>
        values.Select((value, t) => new SalesObservation(firstMonth.AddMonths(t), customer, product, (decimal)value))
            .ToList();

    /// <summary>Returns normally distributed noise (Box–Muller) from a seeded generator.</summary>
    public static double[] Noise(int count, double standardDeviation, int seed)
    {
        var random = new Random(seed);
        var noise = new double[count];
        for (var i = 0; i < count; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            noise[i] = standardDeviation * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        return noise;
    }
}
