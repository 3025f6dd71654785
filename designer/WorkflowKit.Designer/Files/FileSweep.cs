using Microsoft.Extensions.Options;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Files;

namespace WorkflowKit.Designer.Files;

/// <summary>
/// Removes uploads that no start or task action referenced within <see cref="DesignerOptions.UnlinkedFileLifetime"/>
/// (a day by default), such as a file chosen on a form that was never submitted. It runs at start-up and then every
/// <see cref="DesignerOptions.FileSweepInterval"/>. Several nodes may sweep at once, because each delete is one
/// transaction that skips linked files. Before its first delete, the store links the files that data written before
/// migration 3110 names (<see cref="IFileStore.LinkNamedFilesAsync"/>), and each sweep links the old unlinked files
/// that any stored data names before it deletes the rest. A row whose JSON cannot be read stops the sweep with an
/// error naming the row, which is logged here, and nothing is deleted until the row is repaired.
/// </summary>
public sealed class FileSweep(
    IFileStore files, TimeProvider time, IOptions<DesignerOptions> options, ILogger<FileSweep> logger)
    : BackgroundService
{
    /// <summary>Deletes the files that are unlinked and older than the lifetime, and returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var backfilled = await files.LinkNamedFilesAsync(cancellationToken);
        if (backfilled != FileLinkCounts.None)
        {
            FileLog.Backfilled(logger, backfilled.LinksWritten, backfilled.FilesMarked);
        }

        var before = time.GetUtcNow() - options.Value.UnlinkedFileLifetime;
        var count = await files.DeleteUnlinkedAsync(before, cancellationToken);
        if (count > 0)
        {
            FileLog.Swept(logger, count, before);
        }

        return count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.FileSweepInterval;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception error) when (error is System.Data.Common.DbException or InvalidOperationException
                                              or TimeoutException)
            {
                FileLog.SweepFailed(logger, interval, error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
