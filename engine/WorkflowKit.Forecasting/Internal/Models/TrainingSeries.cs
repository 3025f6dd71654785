namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>
/// History that a model is fitted on: <see cref="Values"/>[i] belongs to period index
/// <see cref="StartIndex"/> + i, and the forecast starts at the period after the last value.
/// </summary>
internal readonly record struct TrainingSeries(ReadOnlyMemory<double> Values, int StartIndex, int SeasonLength)
{
    public int Length => Values.Length;

    /// <summary>Position in the seasonal cycle of value <paramref name="offset"/> (may lie in the future).</summary>
    public int PhaseAt(int offset) => PeriodCalendar.Phase(StartIndex + offset, SeasonLength);
}
