using WorkflowKit.Samples.Model;

namespace WorkflowKit.Samples.Generation;

/// <summary>Monthly demand factors per season shape; each table averages about 1 over a year.</summary>
internal static class Seasonality
{
    private static readonly decimal[] Flat = [1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m];
    private static readonly decimal[] FluVaccine =
        [0.15m, 0.1m, 0.08m, 0.05m, 0.05m, 0.05m, 0.1m, 0.5m, 2.6m, 3.2m, 2.6m, 1.2m];
    private static readonly decimal[] Respiratory =
        [2.0m, 1.6m, 1.1m, 0.8m, 0.6m, 0.5m, 0.5m, 0.6m, 0.8m, 1.1m, 1.5m, 2.2m];
    private static readonly decimal[] Pneumococcal =
        [0.8m, 0.7m, 0.8m, 0.9m, 0.9m, 0.9m, 0.9m, 1.0m, 1.3m, 1.4m, 1.3m, 1.1m];
    private static readonly decimal[] Summer = [0.7m, 0.7m, 0.8m, 1.0m, 1.2m, 1.4m, 1.5m, 1.4m, 1.1m, 0.9m, 0.7m, 0.6m];
    private static readonly decimal[] Spring = [0.8m, 0.8m, 1.3m, 1.5m, 1.4m, 1.1m, 0.9m, 0.8m, 0.8m, 0.9m, 0.9m, 0.8m];
    private static readonly decimal[] Autumn = [0.7m, 0.7m, 0.8m, 0.8m, 0.8m, 0.8m, 0.9m, 1.2m, 1.5m, 1.5m, 1.2m, 1.1m];

    /// <summary>Demand in January and February dips around the Spring Festival holidays.</summary>
    private const decimal SpringFestivalFactor = 0.85m;

    public static decimal Factor(Season season, int month)
    {
        var table = season switch
        {
            Season.FluVaccine => FluVaccine,
            Season.Respiratory => Respiratory,
            Season.Pneumococcal => Pneumococcal,
            Season.Summer => Summer,
            Season.Spring => Spring,
            Season.Autumn => Autumn,
            _ => Flat,
        };
        var factor = table[month - 1];
        return month <= 2 ? factor * SpringFestivalFactor : factor;
    }
}
