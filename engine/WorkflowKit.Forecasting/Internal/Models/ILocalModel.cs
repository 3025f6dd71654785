namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>A model fitted on one series at a time.</summary>
internal interface ILocalModel
{
    /// <summary>Name reported in forecasts and evaluation tables, in kebab case.</summary>
    string Name { get; }

    /// <summary>Whether the model can be fitted on a series of this shape.</summary>
    bool CanFit(SeriesProfile profile);

    /// <summary>
    /// Fits the model on <paramref name="series"/> and forecasts the next <paramref name="horizon"/> periods.
    /// Values may be negative; the caller clips them at zero.
    /// </summary>
    double[] Forecast(TrainingSeries series, int horizon);
}
