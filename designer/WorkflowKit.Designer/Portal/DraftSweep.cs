using Microsoft.Extensions.Options;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Runtime.Drafts;

namespace WorkflowKit.Designer.Portal;

/// <summary>
/// Removes form drafts that can no longer be sent. The engine deletes a task's drafts in the transaction that closes
/// the task, but an autosave that lands just after the close, or a draft saved before that cleanup existed, stays
/// behind. Start form drafts are deleted after <see cref="DesignerOptions.StartDraftLifetime"/>. It runs at
/// start-up and then every <see cref="DesignerOptions.DraftSweepInterval"/>. Several nodes may sweep at once, because
/// each sweep is one delete statement.
/// </summary>
public sealed class DraftSweep(
    IFormDraftStore drafts, TimeProvider time, IOptions<DesignerOptions> options, ILogger<DraftSweep> logger)
    : BackgroundService
{
    /// <summary>Deletes the orphaned drafts and returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.Value.StartDraftLifetime;
        var count = await drafts.DeleteOrphanedAsync(before, cancellationToken);
        if (count > 0)
        {
            DesignerLog.DraftsSwept(logger, count, before);
        }

        return count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.DraftSweepInterval;
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
                DesignerLog.DraftSweepFailed(logger, interval, error);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
