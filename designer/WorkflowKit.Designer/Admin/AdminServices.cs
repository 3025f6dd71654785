using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Files;
using WorkflowKit.Import;
using WorkflowKit.Permissions;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Delegations;
using WorkflowKit.Runtime.Drafts;
using WorkflowKit.Runtime.Timers;
using WorkflowKit.Storage;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Organization;
using WorkflowKit.Storage.PostgreSql.Records;
using WorkflowKit.Storage.PostgreSql.Runtime;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Organization;
using WorkflowKit.Storage.Sqlite.Records;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Designer.Admin;

/// <summary>
/// Registers the stores and services of the admin pages: the workday calendar and the delegations
/// (both also handed to the engine), data permission rules, saved import mappings, the data import service and the
/// drafts of the portal's start and task forms. Each store
/// is created for the registered <see cref="IDatabase"/>, SQLite or PostgreSQL.
/// </summary>
public static class AdminServices
{
    public static IServiceCollection AddWorkflowKitAdmin(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IWorkdayCalendarStore>(provider => ForDatabase<IWorkdayCalendarStore>(
            provider,
            (sqlite, time) => new SqliteWorkdayCalendarStore(sqlite, time),
            (postgres, time) => new PostgresWorkdayCalendarStore(postgres, time)));
        services.TryAddSingleton(provider => new StoredWorkdayCalendarSource(
            provider.GetRequiredService<IWorkdayCalendarStore>(), provider.GetRequiredService<TimeProvider>(),
            WorkingHours(provider.GetService<IOptions<DesignerOptions>>()?.Value ?? new DesignerOptions())));
        services.TryAddSingleton<IPermissionRuleStore>(provider => ForDatabase<IPermissionRuleStore>(
            provider,
            (sqlite, _) => new SqlitePermissionRuleStore(sqlite),
            (postgres, _) => new PostgresPermissionRuleStore(postgres)));
        services.TryAddSingleton<IImportMappingStore>(provider => ForDatabase<IImportMappingStore>(
            provider,
            (sqlite, time) => new SqliteImportMappingStore(sqlite, time),
            (postgres, time) => new PostgresImportMappingStore(postgres, time)));
        services.TryAddSingleton<DataImportService>();
        services.TryAddSingleton<PackageFolders>();
        services.TryAddSingleton<PackagePreviews>();
        services.TryAddSingleton<IDelegationStore>(provider => ForDatabase<IDelegationStore>(
            provider,
            (sqlite, _) => new SqliteDelegationStore(sqlite),
            (postgres, _) => new PostgresDelegationStore(postgres)));
        services.TryAddSingleton<IFormDraftStore>(provider => ForDatabase<IFormDraftStore>(
            provider,
            (sqlite, _) => new SqliteFormDraftStore(sqlite),
            (postgres, _) => new PostgresFormDraftStore(postgres)));
        services.TryAddSingleton<Portal.FormDrafts>();
        services.TryAddSingleton(provider => new DelegationService(
            provider.GetRequiredService<IDelegationStore>(), provider.GetRequiredService<WorkflowKit.Organization.IOrganizationDirectory>(),
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<EngineOptions>(),
            provider.GetRequiredService<WorkflowKit.Definitions.Store.IDefinitionStore>()));
        services.TryAddSingleton<Delegations.DelegationPortal>();
        services.TryAddSingleton<IFileStore>(provider => ForDatabase<IFileStore>(
            provider,
            (sqlite, _) => new SqliteFileStore(sqlite),
            (postgres, _) => new PostgresFileStore(postgres)));
        UseStoredCalendar(services);
        return services;
    }

    // AddWorkflowKitRuntime registers the engine's options as an instance. Wrapping the instance in
    // a factory lets it receive the calendar source, the delegation store and the file store before the engine is built.
    private static void UseStoredCalendar(IServiceCollection services)
    {
        var registered = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(EngineOptions));
        var options = registered?.ImplementationInstance as EngineOptions ?? new EngineOptions();
        if (registered is not null && registered.ImplementationInstance is null)
        {
            throw new InvalidOperationException(
                "EngineOptions is registered by a factory; call AddWorkflowKitAdmin right after AddWorkflowKitRuntime.");
        }

        services.Replace(ServiceDescriptor.Singleton(provider =>
        {
            options.CalendarSource ??= provider.GetRequiredService<StoredWorkdayCalendarSource>();
            options.Delegations ??= provider.GetRequiredService<IDelegationStore>();
            options.Files ??= provider.GetRequiredService<IFileStore>();
            return options;
        }));
    }

    private static (TimeOnly Start, TimeOnly End) WorkingHours(DesignerOptions options)
    {
        if (options.WorkingHoursEnd <= options.WorkingHoursStart)
        {
            throw new InvalidOperationException(
                $"WorkflowKit:WorkingHoursEnd ({options.WorkingHoursEnd:HH\\:mm}) must be later than " +
                $"WorkflowKit:WorkingHoursStart ({options.WorkingHoursStart:HH\\:mm}); set them to a range such as 09:00 and 18:00.");
        }

        return (options.WorkingHoursStart, options.WorkingHoursEnd);
    }

    private static T ForDatabase<T>(
        IServiceProvider provider, Func<SqliteDatabase, TimeProvider, T> sqlite,
        Func<PostgresDatabase, TimeProvider, T> postgres)
    {
        var time = provider.GetRequiredService<TimeProvider>();
        return provider.GetRequiredService<IDatabase>() switch
        {
            SqliteDatabase database => sqlite(database, time),
            PostgresDatabase database => postgres(database, time),
            var other => throw new InvalidOperationException(
                $"No {typeof(T).Name} for database type {other.GetType().Name}; register SqliteDatabase or " +
                "PostgresDatabase as IDatabase."),
        };
    }
}
