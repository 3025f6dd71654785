using WorkflowKit.Replenishment.Dashboard;

namespace WorkflowKit.Designer.Portal;

/// <summary>The forecast dashboard figures for one signed-in user, as the forecast page shows them.</summary>
public interface IForecastDashboardSource
{
    Task<ForecastDashboard> GetAsync(string userId, CancellationToken cancellationToken);
}
