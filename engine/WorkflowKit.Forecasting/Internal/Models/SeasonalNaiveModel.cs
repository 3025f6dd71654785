namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>Repeats the value of the same period one seasonal cycle earlier (same month last year).</summary>
internal sealed class SeasonalNaiveModel : ILocalModel
{
    public string Name => "seasonal-naive";

    public bool CanFit(SeriesProfile profile) => profile.SeasonLength > 1 && profile.Length >= profile.SeasonLength;

    public double[] Forecast(TrainingSeries series, int horizon)
    {
        var values = series.Values.Span;
        var seasonLength = series.SeasonLength;
        var forecast = new double[horizon];
        for (var step = 0; step < horizon; step++)
        {
            forecast[step] = values[values.Length - seasonLength + (step % seasonLength)];
        }

        return forecast;
    }
}
