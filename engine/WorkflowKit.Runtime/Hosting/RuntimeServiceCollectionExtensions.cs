using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkflowKit.Runtime.Hosting;

/// <summary>Registers the engine and its background service.</summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="WorkflowEngine"/> as a singleton and the hosted service that runs its due
    /// work. The caller registers the database, the runtime store, the definition source, the
    /// expressions, the organisation directory and the record store.
    /// </summary>
    public static IServiceCollection AddWorkflowKitRuntime(
        this IServiceCollection services, Action<EngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new EngineOptions();
        configure?.Invoke(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WorkflowEngine.HttpClientName);
        services.TryAddSingleton<WorkflowEngine>();
        services.AddHostedService<WorkflowEngineHostedService>();
        return services;
    }
}
