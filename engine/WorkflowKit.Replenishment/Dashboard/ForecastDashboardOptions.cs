namespace WorkflowKit.Replenishment.Dashboard;

/// <summary>What the dashboard shows and how far it looks ahead.</summary>
public sealed record ForecastDashboardOptions
{
    /// <summary>Full months of actual demand shown before the current month. Default 12.</summary>
    public int ActualMonths { get; init; } = 12;

    /// <summary>Months of forecast shown from the current month on. Default 3.</summary>
    public int ForecastMonths { get; init; } = 3;

    /// <summary>Days ahead over which stock cover and expiry risk are computed. Default 365.</summary>
    public int HorizonDays { get; init; } = 365;

    /// <summary>
    /// Shelf life in days a batch must keep on the day it is used, for demand of customers that set no minimum of
    /// their own. Default 60, as in the replenishment watch.
    /// </summary>
    public int MinShelfLifeDays { get; init; } = 60;

    /// <summary>
    /// Whether the forecast may use FastTree. Default false: a dashboard is computed on every visit and the
    /// smoothing models alone are several times faster.
    /// </summary>
    public bool UseFastTree { get; init; }

    /// <summary>Full months of order history the forecast reads. Default 36.</summary>
    public int HistoryMonths { get; init; } = 36;
}
