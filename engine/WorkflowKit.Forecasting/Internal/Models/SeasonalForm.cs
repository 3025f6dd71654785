namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>How a seasonal component combines with the level.</summary>
internal enum SeasonalForm
{
    /// <summary>Value = level + seasonal offset.</summary>
    Additive,

    /// <summary>Value = level × seasonal factor; needs strictly positive history.</summary>
    Multiplicative,
}
