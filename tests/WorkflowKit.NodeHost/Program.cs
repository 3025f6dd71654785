using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkflowKit.NodeHost;
using WorkflowKit.Organization;
using WorkflowKit.Records;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Hosting;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Storage;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Definitions;
using WorkflowKit.Storage.PostgreSql.Organization;
using WorkflowKit.Storage.PostgreSql.Runtime;

// One engine node on a PostgreSQL database: the engine's hosted background service (timers,
// outbox, schedules) plus a control endpoint for tests. Runs until POST /stop, Ctrl+C or a kill.
// With "sqlite-writers" as the first argument it runs the SQLite crash-test writers instead.
if (args.Length > 0 && args[0] == "sqlite-writers")
{
    await SqliteWriters.RunAsync(args[1..]);
    return;
}

var options = NodeHostOptions.Parse(args);
await using var database = new PostgresDatabase(options.ConnectionString);
await PostgresMigrator.MigrateAsync(database, CancellationToken.None);

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<IDatabase>(database);
builder.Services.AddSingleton(database);
builder.Services.AddSingleton<IRuntimeStore, PostgresRuntimeStore>();
builder.Services.AddSingleton(provider => new PostgresDefinitionStore(database, TimeProvider.System));
builder.Services.AddSingleton<IFlowDefinitionSource>(provider =>
    new StoreFlowDefinitionSource(provider.GetRequiredService<PostgresDefinitionStore>()));
builder.Services.AddSingleton<IFlowExpressions, NoExpressions>();
builder.Services.AddSingleton<IOrganizationDirectory, PostgresOrganizationStore>();
builder.Services.AddSingleton<IRecordStore, NoRecords>();
builder.Services.AddSingleton<IFaultInjector>(new SlowSteps(options.StepDelay));
builder.Services.AddWorkflowKitRuntime(engine =>
{
    engine.RunnerId = options.NodeId;
    engine.Lease = options.Lease;
    engine.PollInterval = options.PollInterval;
    engine.BatchSize = options.BatchSize;
});
builder.Services.AddHostedService<ControlServer>();

using var host = builder.Build();
await host.RunAsync();
