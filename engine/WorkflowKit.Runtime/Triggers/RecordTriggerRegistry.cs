using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Definitions;

namespace WorkflowKit.Runtime.Triggers;

/// <summary>
/// The record triggers of the published flows registered with this engine, by the form they watch, and the flow version
/// each came from. The engine fills it from the published flows, and it holds nothing that the definitions store
/// does not, so a restart or another node rebuilds the same registry.
/// </summary>
internal sealed class RecordTriggerRegistry
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<RecordTrigger>> _byFlow = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _versions = new(StringComparer.Ordinal);
    private volatile IReadOnlyDictionary<string, IReadOnlyList<RecordTrigger>> _byForm =
        new Dictionary<string, IReadOnlyList<RecordTrigger>>(StringComparer.Ordinal);

    /// <summary>Replaces the record triggers of <paramref name="flow"/>'s key with those of this version.</summary>
    public void Register(PublishedFlow flow)
    {
        var triggers = (flow.Flow.Triggers ?? [])
            .Where(trigger => trigger.Type == TriggerTypes.Record && !string.IsNullOrWhiteSpace(trigger.Form))
            .Select(trigger => new RecordTrigger(flow.Key, trigger, ParameterTypes.ToScope(flow.Flow.Parameters)))
            .ToList();
        lock (_byFlow)
        {
            _byFlow[flow.Key] = triggers;
            _versions[flow.Key] = flow.Version;
            Rebuild();
        }
    }

    /// <summary>The flow version whose triggers are registered for <paramref name="flowKey"/>, or null.</summary>
    public int? VersionOf(string flowKey) => _versions.TryGetValue(flowKey, out var version) ? version : null;

    /// <summary>Flow keys with registered triggers.</summary>
    public IReadOnlyCollection<string> FlowKeys => [.. _versions.Keys];

    /// <summary>Drops the triggers of a flow that is no longer published.</summary>
    public void Remove(string flowKey)
    {
        lock (_byFlow)
        {
            _byFlow.TryRemove(flowKey, out _);
            _versions.TryRemove(flowKey, out _);
            Rebuild();
        }
    }

    /// <summary>Triggers on <paramref name="formKey"/> that listen to <paramref name="recordEvent"/>.</summary>
    public IReadOnlyList<RecordTrigger> For(string formKey, string recordEvent) =>
        _byForm.TryGetValue(formKey, out var triggers)
            ? [.. triggers.Where(trigger => trigger.Listens(recordEvent))]
            : [];

    private void Rebuild() =>
        _byForm = _byFlow.Values
            .SelectMany(list => list)
            .GroupBy(trigger => trigger.Definition.Form!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<RecordTrigger>)[.. group], StringComparer.Ordinal);
}

/// <summary>One record trigger of one flow, with the parameters of the registered version for its condition.</summary>
internal sealed record RecordTrigger(string FlowKey, TriggerDefinition Definition, JsonObject Params)
{
    public const string Created = "created";
    public const string Updated = "updated";

    /// <summary>A trigger without <c>on</c> listens to both events.</summary>
    public bool Listens(string recordEvent) =>
        Definition.On is not { Count: > 0 } events || events.Contains(recordEvent, StringComparer.Ordinal);
}
