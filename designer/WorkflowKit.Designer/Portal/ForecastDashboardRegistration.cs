using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Replenishment;
using WorkflowKit.Replenishment.Dashboard;
using WorkflowKit.Runtime.Services;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Organization;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Designer.Portal;

/// <summary>Registers the forecast dashboard page's services and the replenishment service that flows call.</summary>
public static class ForecastDashboardRegistration
{
    /// <summary>
    /// Adds <see cref="ReplenishmentFlowService"/> for the engine, the forecast dashboard source, and the record
    /// reader with its permission filter unless another part of the designer registered them first.
    /// </summary>
    public static IServiceCollection AddForecastDashboard(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFlowService, ReplenishmentFlowService>());
        services.TryAddSingleton<IPermissionRuleStore>(provider =>
            new SqlitePermissionRuleStore(provider.GetRequiredService<SqliteDatabase>()));

        // NOTE: no store of instance participation is wired in the designer yet, so rules that admit records
        // through the user's part in an instance admit none here.
        services.TryAddSingleton<IParticipationSource, InMemoryParticipationSource>();
        services.TryAddSingleton(provider => new RecordAccess(
            provider.GetRequiredService<IPermissionRuleStore>(), provider.GetRequiredService<IOrganizationDirectory>(),
            provider.GetRequiredService<IParticipationSource>()));
        services.TryAddSingleton(provider =>
        {
            var records = provider.GetRequiredService<SqliteRecordStore>();
            return new RecordReader(records, records, records, provider.GetRequiredService<RecordAccess>());
        });
        services.TryAddSingleton(provider => new ForecastDashboardService(
            provider.GetRequiredService<RecordReader>(), provider.GetRequiredService<IRecordStore>(),
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IForecastDashboardSource, ForecastDashboardSource>();
        return services;
    }
}
