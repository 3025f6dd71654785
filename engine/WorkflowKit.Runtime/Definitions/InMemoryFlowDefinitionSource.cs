using System.Collections.Concurrent;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Runtime.Definitions;

/// <summary>Published flows held in memory, for tests, scenarios and benchmarks.</summary>
public sealed class InMemoryFlowDefinitionSource : IFlowDefinitionSource, IPublishedFlowCatalog
{
    private readonly ConcurrentDictionary<string, SortedList<int, PublishedFlow>> _flows = new(StringComparer.Ordinal);

    /// <summary>Publishes the next version of <paramref name="flow"/> and returns it.</summary>
    public PublishedFlow Publish(FlowDefinition flow, FormDefinition? form = null)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var versions = _flows.GetOrAdd(flow.Key, _ => []);
        lock (versions)
        {
            var version = versions.Count == 0 ? 1 : versions.Keys[^1] + 1;
            var published = new PublishedFlow(flow.Key, version, flow, form);
            versions.Add(version, published);
            return published;
        }
    }

    public Task<PublishedFlow> GetAsync(string key, int? version, CancellationToken cancellationToken)
    {
        if (!_flows.TryGetValue(key, out var versions))
        {
            throw new KeyNotFoundException($"Flow '{key}' is not published; publish it before starting instances.");
        }

        lock (versions)
        {
            if (version is null)
            {
                return Task.FromResult(versions.Values[^1]);
            }

            return versions.TryGetValue(version.Value, out var published)
                ? Task.FromResult(published)
                : throw new KeyNotFoundException(
                    $"Flow '{key}' has no published version {version}; published: {string.Join(", ", versions.Keys)}.");
        }
    }

    public Task<IReadOnlyDictionary<string, int>> ListLatestVersionsAsync(CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, versions) in _flows)
        {
            lock (versions)
            {
                if (versions.Count > 0)
                {
                    latest[key] = versions.Keys[^1];
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, int>>(latest);
    }
}
