namespace WorkflowKit.Runtime.Definitions;

/// <summary>Resolves published flow versions for the engine. Published versions never change.</summary>
public interface IFlowDefinitionSource
{
    /// <summary>Gets a version of a flow, or the latest published version when <paramref name="version"/> is null.</summary>
    /// <exception cref="KeyNotFoundException">No such flow or version is published.</exception>
    Task<PublishedFlow> GetAsync(string key, int? version, CancellationToken cancellationToken);
}
