using System.Text.Json.Nodes;
using WorkflowKit.Files;

namespace WorkflowKit.Designer.Files;

/// <summary>Links the files of accepted submissions to their instance, for downloads and the file sweep.</summary>
internal static class FileLinking
{
    /// <summary>
    /// Links the files that <paramref name="data"/> references to an instance, after a start or a task action that the
    /// engine accepted. A failure is logged and not raised, because the submission is already stored; its files stay
    /// downloadable by their uploaders until the sweep.
    /// </summary>
    // NOTE: the link is written after the engine's transaction, so a crash between the two leaves the files
    // unlinked: the instance keeps its references but others than the uploaders get 404 and the sweep may remove them.
    public static async Task LinkAsync(
        IFileStore files, string instanceId, JsonNode? data, ILogger logger, CancellationToken cancellationToken)
    {
        var ids = FileIds.In(data);
        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            await files.LinkAsync([.. ids.Select(id => new FileLink(id, instanceId))], cancellationToken);
        }
        catch (Exception error) when (error is System.Data.Common.DbException or InvalidOperationException)
        {
            FileLog.LinkFailed(logger, instanceId, error);
        }
    }
}
