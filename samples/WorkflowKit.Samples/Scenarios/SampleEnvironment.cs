using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowKit.Expressions;
using WorkflowKit.Forms;
using WorkflowKit.Permissions;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Storage;

namespace WorkflowKit.Samples.Scenarios;

/// <summary>
/// One opened database with an engine and a form submission service on it, wired so that record writes from
/// imports and submissions start record-triggered flows.
/// </summary>
public sealed class SampleEnvironment : IAsyncDisposable
{
    private readonly bool _ownsStores;

    private SampleEnvironment(
        WorkflowKitStores stores, WorkflowEngine engine, FormSubmissionService submissions, bool ownsStores)
    {
        Stores = stores;
        Engine = engine;
        Submissions = submissions;
        _ownsStores = ownsStores;
    }

    public WorkflowKitStores Stores { get; }

    public WorkflowEngine Engine { get; }

    public FormSubmissionService Submissions { get; }

    /// <summary>Opens (creating and migrating) the database: a SQLite file path or a PostgreSQL connection string.</summary>
    public static async Task<SampleEnvironment> OpenAsync(string db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(db);
        ArgumentNullException.ThrowIfNull(time);
        var stores = await StorageFactory.OpenAsync(StorageOptions.Detect(db), time, null, cancellationToken)
            .ConfigureAwait(false);
        var scripts = new ScriptHost(timeProvider: time);
        var engine = new WorkflowEngine(
            stores.Database,
            stores.Runtime,
            new StoreFlowDefinitionSource(stores.Definitions),
            new ScriptHostFlowExpressions(scripts),
            stores.Organization,
            stores.Records,
            time,
            flowServices: [new Replenishment.ReplenishmentFlowService()],
            recordAccess: new RecordAccess(stores.Permissions, stores.Organization, stores.Participation));
        var submissions = new FormSubmissionService(
            new FormValidatorFactory(new FormValidationServices
            {
                Directory = stores.Organization,
                Records = engine.Records,
                Conditions = new ConditionEvaluator(scripts),
            }),
            engine.Records, stores.Database, null,
            new ExpressionFormulaEvaluator(new FormulaEngine(), scripts));
        return new SampleEnvironment(stores, engine, submissions, ownsStores: true);
    }

    /// <summary>
    /// Wraps the stores and engine of a running host, such as the designer. Disposing the result leaves the stores
    /// open. The submissions should write through <see cref="WorkflowEngine.Records"/> so that imports start
    /// record-triggered flows.
    /// </summary>
    public static SampleEnvironment ForHost(WorkflowKitStores stores, WorkflowEngine engine, FormSubmissionService submissions)
    {
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(submissions);
        return new SampleEnvironment(stores, engine, submissions, ownsStores: false);
    }

    /// <summary>The culture imports parse numbers and dates with.</summary>
    internal static CultureInfo ImportCulture => CultureInfo.InvariantCulture;

    internal static NullLogger<T> Logger<T>() => NullLogger<T>.Instance;

    public ValueTask DisposeAsync() => _ownsStores ? Stores.DisposeAsync() : ValueTask.CompletedTask;
}
