using WorkflowKit.Designer.Dashboards;
using WorkflowKit.Import;
using WorkflowKit.Permissions;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Records;

/// <summary>Registers the permission filter and the record and dashboard services built on it.</summary>
public static class RecordServices
{
    public static IServiceCollection AddWorkflowKitRecords(this IServiceCollection services)
    {
        services.AddSingleton<IParticipationSource>(
            provider => provider.GetRequiredService<WorkflowKitStores>().Participation);
        services.AddSingleton<RecordAccess>();
        services.AddSingleton<RecordReader>();
        services.AddSingleton<RecordExporter>();
        services.AddSingleton<RecordSetup>();
        services.AddSingleton<SavedViewStore>();
        services.AddSingleton<RecordService>();
        services.AddSingleton<RecordEditor>();
        services.AddSingleton<DashboardService>();
        return services;
    }
}
