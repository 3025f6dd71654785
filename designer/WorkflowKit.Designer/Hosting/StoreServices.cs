using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// Registers the stores of one database, opened through <see cref="StorageFactory"/>, so that the
/// designer runs on SQLite or PostgreSQL with the same code.
/// </summary>
public static class StoreServices
{
    /// <summary>
    /// Opens the database when the first store is resolved (applying its migrations) and registers
    /// each store contract from the opened <see cref="WorkflowKitStores"/>.
    /// </summary>
    public static IServiceCollection AddWorkflowKitStores(
        this IServiceCollection services, WorkflowKit.Storage.StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        services.AddSingleton(storage);

        // The DI factory is synchronous; the host has no synchronisation context, so blocking once
        // at start-up on the migration cannot deadlock.
        services.AddSingleton(provider => StorageFactory.OpenAsync(
                storage, provider.GetRequiredService<TimeProvider>(), provider.GetService<ILoggerFactory>(),
                CancellationToken.None)
            .GetAwaiter().GetResult());
        services.AddSingleton(provider => provider.GetRequiredService<WorkflowKitStores>().Database);
        services.AddSingleton(provider => provider.GetRequiredService<WorkflowKitStores>().Definitions);
        services.AddSingleton(provider => provider.GetRequiredService<WorkflowKitStores>().Runtime);
        services.AddSingleton(provider => provider.GetRequiredService<WorkflowKitStores>().Records);
        services.AddSingleton(provider => provider.GetRequiredService<WorkflowKitStores>().RecordQueries);
        services.AddSingleton(provider => provider.GetRequiredService<WorkflowKitStores>().RecordForms);
        services.AddSingleton(provider => provider.GetRequiredService<WorkflowKitStores>().Permissions);
        return services;
    }
}
