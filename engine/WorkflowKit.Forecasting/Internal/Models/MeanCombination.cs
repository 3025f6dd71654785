namespace WorkflowKit.Forecasting.Internal.Models;

/// <summary>
/// Mean of the forecasts of several models, each clipped at zero first. The combination runs only when every
/// member can run, so that its name always means the same mix.
/// </summary>
internal sealed class MeanCombination : ILocalModel
{
    private readonly ILocalModel[] _members;

    public MeanCombination(string name, params ILocalModel[] members)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members.Length, 2);
        Name = name;
        _members = members;
    }

    public string Name { get; }

    public bool CanFit(SeriesProfile profile) => _members.All(member => member.CanFit(profile));

    public double[] Forecast(TrainingSeries series, int horizon)
    {
        var sum = new double[horizon];
        foreach (var member in _members)
        {
            var forecast = member.Forecast(series, horizon);
            for (var step = 0; step < horizon; step++)
            {
                sum[step] += Math.Max(0, forecast[step]);
            }
        }

        for (var step = 0; step < horizon; step++)
        {
            sum[step] /= _members.Length;
        }

        return sum;
    }
}
