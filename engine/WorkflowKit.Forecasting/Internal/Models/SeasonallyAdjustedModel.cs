namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>
/// Removes the seasonal pattern estimated by <see cref="SeasonalIndices"/>, smooths the adjusted series with the
/// robust form of <see cref="SimpleExponentialSmoothingModel"/> and puts the season of each future period back.
/// Robust to one bad period because the indices are medians over the cycles and the level clips large errors.
/// </summary>
internal sealed class SeasonallyAdjustedModel : ILocalModel
{
    public string Name => "seasonal-ses";

    public bool CanFit(SeriesProfile profile) => profile.HasTwoSeasons;

    public double[] Forecast(TrainingSeries series, int horizon)
    {
        var values = series.Values.Span;
        var indices = SeasonalIndices.Estimate(series);

        var adjusted = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            adjusted[i] = indices.Remove(values[i], series.PhaseAt(i));
        }

        var level = SimpleExponentialSmoothingModel.Fit(adjusted, robust: true).Level;
        var forecast = new double[horizon];
        for (var step = 0; step < horizon; step++)
        {
            forecast[step] = indices.Apply(level, series.PhaseAt(values.Length + step));
        }

        return forecast;
    }
}
