using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using WorkflowKit.Organization;
using WorkflowKit.Records;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Graph;
using WorkflowKit.Runtime.Outbox;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Runtime.Timers;
using WorkflowKit.Storage;

namespace WorkflowKit.Runtime.Execution;

/// <summary>The dependencies every part of the engine shares.</summary>
internal sealed class EngineServices
{
    private readonly ConcurrentDictionary<(string Key, int Version), FlowGraph> _graphs = new();

    public required IDatabase Database { get; init; }

    public required IRuntimeStore Store { get; init; }

    public required IFlowDefinitionSource Definitions { get; init; }

    public required IFlowExpressions Expressions { get; init; }

    public required IOrganizationDirectory Organization { get; init; }

    public required IRecordStore Records { get; init; }

    /// <summary>
    /// The forms of the records that record nodes write. It is null when the record store has no registry (test
    /// doubles), and then record nodes neither compute formulas nor check form rules.
    /// </summary>
    public IRecordFormRegistry? RecordForms { get; init; }

    /// <summary>Computes the defaults and formulas of records that record nodes write.</summary>
    public required Records.EngineFormulas Formulas { get; init; }

    /// <summary>Runs the form rules on starts, task changes and the records that record nodes write.</summary>
    public required Records.FormChecks FormChecks { get; init; }

    public required TimeProvider Time { get; init; }

    public required EngineOptions Options { get; init; }

    public required ILogger Logger { get; init; }

    public required IFaultInjector Faults { get; init; }

    public required Func<HttpClient> HttpClients { get; init; }

    public required IReadOnlyDictionary<string, INotificationChannel> Channels { get; init; }

    /// <summary>
    /// Reads records with a user's data permissions for the validation of starts and resubmissions; null checks
    /// related-record and lookup fields against the store without permissions.
    /// </summary>
    public WorkflowKit.Permissions.RecordReader? Reader { get; init; }

    /// <summary>Host services that <c>service</c> nodes call, by name.</summary>
    public IReadOnlyDictionary<string, Services.IFlowService> FlowServices { get; init; } =
        new Dictionary<string, Services.IFlowService>(StringComparer.Ordinal);

    public TimeZoneInfo Zone(FlowGraph graph) => Options.ResolveZone(graph.Published.Flow.Settings?.TimeZone);

    public DeadlineCalculator Deadlines(StepContext context) => new(context.Calendar, Zone(context.Graph));

    public async ValueTask<WorkdayCalendar> CalendarAsync(CancellationToken cancellationToken) =>
        Options.CalendarSource is { } source
            ? await source.GetCalendarAsync(cancellationToken).ConfigureAwait(false)
            : Options.Calendar;

    public async Task<FlowGraph> GraphAsync(string key, int? version, CancellationToken cancellationToken)
    {
        if (version is { } fixedVersion && _graphs.TryGetValue((key, fixedVersion), out var cached))
        {
            return cached;
        }

        var published = await Definitions.GetAsync(key, version, cancellationToken).ConfigureAwait(false);
        return _graphs.GetOrAdd((published.Key, published.Version), _ => new FlowGraph(published));
    }
}
