namespace WorkflowKit.Runtime.Definitions;

/// <summary>
/// Lists the published flows of a definition source, so that an engine can derive its record triggers and
/// schedules from them at start-up and notice versions that another process published.
/// </summary>
public interface IPublishedFlowCatalog
{
    /// <summary>The latest published version of every published flow, by flow key.</summary>
    Task<IReadOnlyDictionary<string, int>> ListLatestVersionsAsync(CancellationToken cancellationToken);
}
