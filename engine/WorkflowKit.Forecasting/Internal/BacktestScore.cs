namespace WorkflowKit.Forecasting.Internal;

/// <summary>Errors of one candidate on one series over the rolling origins of a backtest.</summary>
internal sealed class BacktestScore
{
    private readonly List<double>[] _residualsByStep;
    private readonly double[] _absoluteActualByStep;

    public BacktestScore(int horizon)
    {
        _absoluteActualByStep = new double[horizon];
        _residualsByStep = new List<double>[horizon];
        for (var step = 0; step < horizon; step++)
        {
            _residualsByStep[step] = [];
        }
    }

    /// <summary>Sum of absolute errors, in units.</summary>
    public double AbsoluteError { get; private set; }

    /// <summary>Sum of absolute actual values over the same points, the denominator of WAPE.</summary>
    public double AbsoluteActual { get; private set; }

    /// <summary>Number of origins at which the candidate produced a forecast.</summary>
    public int Origins { get; private set; }

    public void Add(double[] forecast, ReadOnlySpan<double> actualsAfterOrigin)
    {
        Origins++;
        for (var step = 0; step < actualsAfterOrigin.Length && step < forecast.Length; step++)
        {
            var residual = actualsAfterOrigin[step] - Math.Max(0, forecast[step]);
            AbsoluteError += Math.Abs(residual);
            AbsoluteActual += Math.Abs(actualsAfterOrigin[step]);
            _absoluteActualByStep[step] += Math.Abs(actualsAfterOrigin[step]);
            _residualsByStep[step].Add(residual);
        }
    }

    /// <summary>Sum of absolute errors at one step ahead (index 0 is one step), in units.</summary>
    public double AbsoluteErrorAt(int step) => _residualsByStep[step].Sum(Math.Abs);

    /// <summary>Sum of absolute actual values at one step ahead (index 0 is one step).</summary>
    public double AbsoluteActualAt(int step) => _absoluteActualByStep[step];

    /// <summary>Number of errors seen at one step ahead (index 0 is one step).</summary>
    public int CountAt(int step) => _residualsByStep[step].Count;

    /// <summary>1 − WAPE over the backtest, or null when every actual was zero.</summary>
    public double? Accuracy => AbsoluteActual > 0 ? 1 - (AbsoluteError / AbsoluteActual) : null;

    /// <summary>
    /// Root mean square error at each step ahead (index 0 is one step), or NaN where no error was seen.
    /// </summary>
    public double[] RootMeanSquareErrorByStep() =>
        _residualsByStep
            .Select(residuals => residuals.Count == 0
                ? double.NaN
                : Math.Sqrt(residuals.Sum(residual => residual * residual) / residuals.Count))
            .ToArray();
}
