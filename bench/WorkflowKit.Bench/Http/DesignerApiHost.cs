using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowKit.Bench.Engine;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Api;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Services;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Bench.Http;

/// <summary>
/// The designer's REST API on Kestrel at 127.0.0.1 on a free port, with the designer's own services, API-key
/// authentication and authorization on a fresh SQLite file in the work directory. The benchmark organisation
/// becomes designer accounts (departments with their managers, sales staff with their region), the order and
/// shipment forms and the approval flow are published through the designer's definition service, and each
/// manager gets an API key. Pages, the Blazor UI and static files are not mapped.
/// </summary>
public sealed class DesignerApiHost : IAsyncDisposable
{
    private const int StaffPerDepartment = 4;

    private readonly WebApplication _app;

    private DesignerApiHost(WebApplication app, Uri address, IReadOnlyDictionary<string, string> apiKeys)
    {
        _app = app;
        Address = address;
        ApiKeys = apiKeys;
    }

    public Uri Address { get; }

    /// <summary>The API key of each manager, by user id.</summary>
    public IReadOnlyDictionary<string, string> ApiKeys { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DesignerApiHost> StartAsync(string workDirectory, SqliteSynchronous synchronous)
    {
        var folder = Path.Combine(workDirectory, "http-designer");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var templates = Directory.CreateDirectory(Path.Combine(folder, "templates")).FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = folder,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WorkflowKit:Storage:ConnectionString"] = Path.Combine(folder, "designer.db"),
            ["WorkflowKit:Storage:SqliteSynchronous"] = synchronous.ToString(),
            ["WorkflowKit:TemplatesPath"] = templates,
            ["WorkflowKit:DemoAccounts"] = "false",
            ["WorkflowKit:SampleData"] = "false",
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.AddWorkflowKitDesigner();

        var app = builder.Build();
        await app.Services.GetRequiredService<DesignerBootstrapper>().InitializeAsync(CancellationToken.None);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWorkflowKitApi();
        var apiKeys = await SeedAsync(app.Services);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First();
        return new DesignerApiHost(app, new Uri(address), apiKeys);
    }

    /// <summary>The designer user who starts orders in department <paramref name="department"/>.</summary>
    public static string Initiator(int department, int sequence) =>
        BenchOrganization.Staff(department, sequence % StaffPerDepartment);

    private static async Task<IReadOnlyDictionary<string, string>> SeedAsync(IServiceProvider services)
    {
        var accounts = services.GetRequiredService<AccountStore>();
        var hash = AccountStore.HashPassword("bench-password");
        var apiKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var d = 0; d < BenchOrganization.Departments; d++)
        {
            var department = BenchOrganization.Department(d);
            var manager = BenchOrganization.Manager(d);
            var region = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["region"] = OrderDefinitions.Regions[d % OrderDefinitions.Regions.Length],
            };
            await accounts.SaveDepartmentAsync(new Department(department, department, null, manager), default);
            await accounts.CreateAsync(
                new NewUser(manager, manager, "unused-password", department, ["manager"], region), hash, default);
            for (var s = 0; s < StaffPerDepartment; s++)
            {
                var staff = BenchOrganization.Staff(d, s);
                await accounts.CreateAsync(new NewUser(staff, staff, "unused-password", department, ["sales"], region),
                    hash, default);
            }

            apiKeys[manager] = await accounts.CreateApiKeyAsync(manager, "bench", default);
        }

        var definitions = services.GetRequiredService<IDefinitionService>();
        await PublishAsync(definitions, DefinitionKind.Form, OrderDefinitions.OrderForm,
            DefinitionJson.Serialize(OrderDefinitions.Order()));
        await PublishAsync(definitions, DefinitionKind.Form, OrderDefinitions.ShipmentForm,
            DefinitionJson.Serialize(OrderDefinitions.Shipment()));
        await PublishAsync(definitions, DefinitionKind.Flow, OrderDefinitions.ApprovalFlow,
            DefinitionJson.Serialize(OrderDefinitions.ApprovalFlowDefinition()));
        return apiKeys;
    }

    private static async Task PublishAsync(IDefinitionService definitions, DefinitionKind kind, string key, string json)
    {
        await definitions.SaveDraftAsync(kind, key, json, null, "bench-owner", default);
        var result = await definitions.PublishAsync(kind, key, "bench-owner", null, default);
        if (!result.Published)
        {
            throw new InvalidOperationException(
                $"The bench {kind} '{key}' did not publish in the designer: " +
                string.Join("; ", result.Diagnostics.Select(diagnostic => diagnostic.Message)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
