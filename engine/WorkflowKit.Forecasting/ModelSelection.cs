namespace WorkflowKit.Forecasting;

/// <summary>Scope of the backtest that chooses the forecasting model.</summary>
public enum ModelSelection
{
    /// <summary>Each series gets the candidate with the lowest absolute backtest error on that series.</summary>
    PerSeries,

    /// <summary>
    /// All series get the candidate with the lowest absolute backtest error summed over all series. A series on
    /// which that candidate cannot run, because it is too short or intermittent, gets its own best candidate.
    /// </summary>
    Global,
}
