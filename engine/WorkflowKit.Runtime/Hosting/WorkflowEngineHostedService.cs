using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowKit.Runtime.Diagnostics;

namespace WorkflowKit.Runtime.Hosting;

/// <summary>
/// Runs the engine's due work in the background: schedule triggers, timers (deadlines,
/// reminders, timer nodes, retries of failed automatic nodes) and outbox deliveries. It wakes
/// when a step queues work and otherwise polls every <see cref="EngineOptions.PollInterval"/>.
/// Before the first round and every <see cref="EngineOptions.TriggerRefreshInterval"/> it derives the
/// record triggers and schedules from the published flows (<see cref="WorkflowEngine.SyncPublishedTriggersAsync"/>).
/// While the database is unreachable it logs one warning, waits longer after each failed round
/// (<see cref="DatabaseOutageBackoff"/>) and logs one line once a round succeeds again. While another connection
/// holds the database's write lock past the lock timeout it does the same with a busy warning, and keeps its interval.
/// </summary>
public sealed class WorkflowEngineHostedService(
    WorkflowEngine engine, TimeProvider time, ILogger<WorkflowEngineHostedService>? logger = null)
    : BackgroundService
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = engine.Options.PollInterval;
        DateTimeOffset? lastSync = null;
        var outageRounds = 0;
        var outageStarted = DateTimeOffset.MinValue;
        var busyRounds = 0;
        var busyStarted = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (lastSync is not { } synced || time.GetUtcNow() - synced >= engine.Options.TriggerRefreshInterval)
                {
                    await engine.SyncPublishedTriggersAsync(stoppingToken).ConfigureAwait(false);
                    lastSync = time.GetUtcNow();
                }

                var handled = await engine.RunDueWorkAsync(stoppingToken).ConfigureAwait(false);
                if (outageRounds > 0)
                {
                    RuntimeLog.DatabaseReachableAgain(_logger, outageRounds, time.GetUtcNow() - outageStarted);
                    outageRounds = 0;
                }

                if (busyRounds > 0)
                {
                    RuntimeLog.DatabaseFreeAgain(_logger, busyRounds, time.GetUtcNow() - busyStarted);
                    busyRounds = 0;
                }

                if (handled == 0)
                {
                    // Work that is due but was not handled is leased by another runner: wait a full interval.
                    var untilDue = await engine.TimeUntilNextDueAsync(stoppingToken).ConfigureAwait(false);
                    var wait = untilDue is { } due && due > TimeSpan.Zero && due < interval ? due : interval;
                    await engine.WaitForWorkAsync(wait, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (DatabaseOutageBackoff.IsOutage(exception))
            {
                outageRounds++;
                var delay = DatabaseOutageBackoff.Delay(interval, outageRounds);
                if (outageRounds == 1)
                {
                    outageStarted = time.GetUtcNow();
                    RuntimeLog.DatabaseUnreachable(_logger, exception, delay, DatabaseOutageBackoff.MaxDelay);
                }
                else
                {
                    RuntimeLog.DatabaseStillUnreachable(_logger, outageRounds, delay);
                }

                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (DatabaseOutageBackoff.IsBusy(exception))
            {
                // Another process holds the write lock, which is expected while it runs: one warning without the
                // exception, then one line once a round gets through.
                busyRounds++;
                if (busyRounds == 1)
                {
                    busyStarted = time.GetUtcNow();
                    RuntimeLog.DatabaseBusy(_logger, interval);
                }
                else
                {
                    RuntimeLog.DatabaseStillBusy(_logger, busyRounds, interval);
                }

                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                RuntimeLog.BackgroundRoundFailed(_logger, exception, interval);
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
