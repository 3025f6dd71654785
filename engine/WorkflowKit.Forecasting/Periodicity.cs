namespace WorkflowKit.Forecasting;

/// <summary>Time grain that sales are summed to before forecasting.</summary>
public enum Periodicity
{
    /// <summary>One period per calendar day. The seasonal cycle is the week (7 periods).</summary>
    Day,

    /// <summary>
    /// One period per week, starting on <see cref="ForecastOptions.WeekStart"/>. The seasonal cycle is
    /// 52 periods, so it drifts against the calendar year by one or two days a year.
    /// </summary>
    Week,

    /// <summary>One period per calendar month. The seasonal cycle is the year (12 periods).</summary>
    Month,
}
