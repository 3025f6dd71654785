using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Hosting.ScaleOut;

/// <summary>
/// What a designer node needs to run behind a load balancer with other nodes on one PostgreSQL
/// database: shared data-protection keys and task notifications relayed between nodes. Blazor
/// Server circuits still need sticky sessions; docs/deployment.md explains why.
/// </summary>
public static class ScaleOutServices
{
    /// <summary>Application name shared by all nodes; data protection isolates key use by it.</summary>
    public const string ApplicationName = "WorkflowKit";

    /// <summary>
    /// Registers the PostgreSQL key ring and notifier when <c>WorkflowKit:Storage:Provider</c> is
    /// <c>PostgreSql</c>; does nothing for SQLite, a single machine.
    /// </summary>
    public static IServiceCollection AddWorkflowKitScaleOut(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration["WorkflowKit:Storage:Provider"];
        if (!string.Equals(provider, "PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            return services;
        }

        var connectionString = configuration["WorkflowKit:Storage:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "WorkflowKit:Storage:Provider is PostgreSql but WorkflowKit:Storage:ConnectionString is empty; set " +
                "it to the database every node shares.");
        }

        return services.AddWorkflowKitScaleOut(connectionString);
    }

    /// <summary>Registers the PostgreSQL key ring and the relayed task notifier for one shared database.</summary>
    public static IServiceCollection AddWorkflowKitScaleOut(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        // Registered first so that migration 5900 (the key table) is in place before anything else starts.
        services.AddHostedService(_ => new ScaleOutMigration(connectionString));
        services.AddSingleton(new PostgresXmlRepository(connectionString));
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options =>
                options.XmlRepository = provider.GetRequiredService<PostgresXmlRepository>()));

        services.RemoveAll<ITaskNotifier>();
        services.AddSingleton(provider => new RelayedTaskNotifier(
            connectionString, provider.GetRequiredService<ILogger<RelayedTaskNotifier>>()));
        services.AddSingleton<ITaskNotifier>(provider => provider.GetRequiredService<RelayedTaskNotifier>());
        services.AddHostedService(provider => provider.GetRequiredService<RelayedTaskNotifier>());
        return services;
    }
}
