namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>Repeats the last observed value.</summary>
internal sealed class NaiveModel : ILocalModel
{
    public string Name => "naive";

    public bool CanFit(SeriesProfile profile) => profile.Length >= 1;

    public double[] Forecast(TrainingSeries series, int horizon)
    {
        var values = series.Values.Span;
        var forecast = new double[horizon];
        Array.Fill(forecast, values[^1]);
        return forecast;
    }
}
