using System.Globalization;
using Microsoft.Extensions.Options;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// Opens the database at start-up, which applies the migrations, and waits for a database server that is not
/// reachable yet, such as a PostgreSQL container started together with the designer. It tries again after 1 second,
/// then after twice as long each time up to 10 seconds, for at most <see cref="DesignerOptions.DatabaseStartupWait"/>.
/// </summary>
public sealed class DatabaseStartupWait(
    IServiceProvider services,
    WorkflowKit.Storage.StorageOptions storage,
    IOptions<DesignerOptions> options,
    TimeProvider time,
    ILogger<DatabaseStartupWait> logger)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    private const string SettingName = DesignerOptions.Section + ":" + nameof(DesignerOptions.DatabaseStartupWait);

    /// <summary>Opens the stores, trying again while the database server cannot be reached.</summary>
    /// <exception cref="FirstStartException">
    /// The database stayed unreachable for <see cref="DesignerOptions.DatabaseStartupWait"/>. Nothing was changed.
    /// </exception>
    public async Task<WorkflowKitStores> OpenAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.DatabaseStartupWait;
        var started = time.GetTimestamp();
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var stores = services.GetRequiredService<WorkflowKitStores>();
                if (attempt > 1)
                {
                    var waited = Seconds(time.GetElapsedTime(started));
                    DesignerLog.DatabaseReachedAfterWait(logger, Database, waited, attempt);
                }

                return stores;
            }
            catch (Exception error) when (DatabaseOutage.IsOutage(error))
            {
                var waited = time.GetElapsedTime(started);
                if (waited + delay > limit)
                {
                    throw new FirstStartException(GaveUpMessage(limit, attempt), error);
                }

                DesignerLog.DatabaseNotReachableYet(
                    logger, Database, attempt, Seconds(delay), Seconds(limit - waited), Reason(error));
            }

            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
        }
    }

    // The storage options print the connection string with its password replaced by ***.
    private string Database => $"{storage}";

    private string GaveUpMessage(TimeSpan limit, int attempts) =>
        $"The database ({Database}) could not be reached in {attempts} attempt{(attempts == 1 ? "" : "s")}, and " +
        $"{SettingName} ({Seconds(limit)} s) leaves no time for another, so the designer did not start and changed " +
        "nothing. Check that the database server runs and accepts connections from this machine, then start the " +
        $"designer again; for a server that starts slowly, raise {SettingName}.";

    private static string Seconds(TimeSpan span) =>
        Math.Round(span.TotalSeconds, 1).ToString("0.#", CultureInfo.InvariantCulture);

    // The innermost message names the failed connection, such as "Connection refused", without the stack trace.
    private static string Reason(Exception error) => error.GetBaseException().Message;
}
