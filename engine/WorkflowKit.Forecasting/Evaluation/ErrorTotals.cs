namespace WorkflowKit.Forecasting.Evaluation;

/// <summary>Running sums of absolute errors for the model and both baselines over the same actual values.</summary>
internal sealed class ErrorTotals
{
    public int Points { get; private set; }

    /// <summary>Sum of absolute actual values, the WAPE denominator.</summary>
    public double Actual { get; private set; }

    /// <summary>Sum of actual values with their signs, so that returns count against sales.</summary>
    public double NetActual { get; private set; }

    public double Model { get; private set; }

    public double SeasonalNaive { get; private set; }

    public double MeanOfLastThree { get; private set; }

    public void Add(double actual, double model, double seasonalNaive, double meanOfLastThree)
    {
        Points++;
        Actual += Math.Abs(actual);
        NetActual += actual;
        Model += Math.Abs(actual - model);
        SeasonalNaive += Math.Abs(actual - seasonalNaive);
        MeanOfLastThree += Math.Abs(actual - meanOfLastThree);
    }

    public void Add(ErrorTotals other)
    {
        Points += other.Points;
        Actual += other.Actual;
        NetActual += other.NetActual;
        Model += other.Model;
        SeasonalNaive += other.SeasonalNaive;
        MeanOfLastThree += other.MeanOfLastThree;
    }

    /// <summary>Returns 1 − error / actual, or NaN when every actual value was zero.</summary>
    public double Accuracy(double absoluteError) => Actual > 0 ? 1 - (absoluteError / Actual) : double.NaN;
}
