namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>Repeats the mean of the last <c>window</c> values, or of all values when the series is shorter.</summary>
internal sealed class MovingAverageModel : ILocalModel
{
    private readonly int _window;

    public MovingAverageModel(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _window = window;
    }

    public string Name => $"moving-average-{_window}";

    public bool CanFit(SeriesProfile profile) => profile.Length >= 1;

    public double[] Forecast(TrainingSeries series, int horizon)
    {
        var values = series.Values.Span;
        var count = Math.Min(_window, values.Length);
        var sum = 0.0;
        foreach (var value in values[^count..])
        {
            sum += value;
        }

        var forecast = new double[horizon];
        Array.Fill(forecast, sum / count);
        return forecast;
    }
}
