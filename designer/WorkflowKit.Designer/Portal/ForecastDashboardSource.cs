using WorkflowKit.Replenishment.Dashboard;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Portal;

/// <summary>
/// Computes the dashboard with <see cref="ForecastDashboardService"/> in the tenant time zone of the engine's
/// options, with the default <see cref="ForecastDashboardOptions"/>.
/// </summary>
public sealed class ForecastDashboardSource(ForecastDashboardService service, EngineOptions engineOptions)
    : IForecastDashboardSource
{
    public Task<ForecastDashboard> GetAsync(string userId, CancellationToken cancellationToken) =>
        service.BuildAsync(
            userId, TimeZoneInfo.FindSystemTimeZoneById(engineOptions.TimeZone), new ForecastDashboardOptions(),
            cancellationToken);
}
