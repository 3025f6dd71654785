using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Records;

namespace WorkflowKit.Runtime.Hosting;

/// <summary>Registers the engine and its background service.</summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>Service key of the record store that the engine writes to underneath <see cref="WorkflowEngine.Records"/>.</summary>
    public const string InnerRecordStoreKey = "WorkflowKit.Runtime.InnerRecordStore";

    /// <summary>
    /// Adds <see cref="WorkflowEngine"/> as a singleton and the hosted service that runs its due
    /// work. The caller registers the database, the runtime store, the definition source, the
    /// expressions, the organisation directory and the record store.
    /// </summary>
    /// <remarks>
    /// When an <see cref="IRecordStore"/> is registered before this call, the engine writes to it and every
    /// later resolution of <see cref="IRecordStore"/> gets <see cref="WorkflowEngine.Records"/>, so record
    /// writes of any service start the flows whose record triggers match. When an <see cref="IDefinitionStore"/>
    /// is registered before this call, publishing through it (one definition or a package) syncs the engine's
    /// triggers at once. Register both stores first; otherwise neither wrapper is added.
    /// </remarks>
    public static IServiceCollection AddWorkflowKitRuntime(
        this IServiceCollection services, Action<EngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new EngineOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WorkflowEngine.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        if (Find<IRecordStore>(services) is { } recordStore)
        {
            services.Remove(recordStore);
            services.Add(ServiceDescriptor.KeyedSingleton<IRecordStore>(
                InnerRecordStoreKey, (provider, _) => (IRecordStore)Create(provider, recordStore)));
            services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<WorkflowEngine>(
                provider, provider.GetRequiredKeyedService<IRecordStore>(InnerRecordStoreKey)));
            services.AddSingleton(provider => provider.GetRequiredService<WorkflowEngine>().Records);
        }
        else
        {
            services.TryAddSingleton<WorkflowEngine>();
        }

        if (Find<IDefinitionStore>(services) is { } definitionStore)
        {
            services.Remove(definitionStore);
            services.Add(ServiceDescriptor.Describe(
                typeof(IDefinitionStore),
                provider => new TriggerSyncingDefinitionStore(
                    (IDefinitionStore)Create(provider, definitionStore), provider.GetRequiredService<WorkflowEngine>),
                definitionStore.Lifetime));
        }

        services.AddHostedService<WorkflowEngineHostedService>();
        return services;
    }

    private static ServiceDescriptor? Find<TService>(IServiceCollection services) =>
        services.LastOrDefault(service => service.ServiceType == typeof(TService) && !service.IsKeyedService);

    private static object Create(IServiceProvider provider, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);
}
