using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace WorkflowKit.Storage.PostgreSql.Notifications;

/// <summary>
/// Carries small messages between the nodes of a deployment through PostgreSQL
/// <c>LISTEN</c>/<c>NOTIFY</c> on one channel: <see cref="PublishAsync"/> sends, and every node
/// listening on the channel, the sender included, gets each message once through the callback,
/// in the order the messages were committed.
/// Delivery is best effort (a node that is reconnecting misses what was sent meanwhile), so it
/// suits "refresh your inbox" signals, never state: the state itself is in the database.
/// </summary>
/// <remarks>
/// The designer wires it to its in-process task notifier: the notifier's publish calls
/// <see cref="PublishAsync"/>, and the callback raises the notifier's event on every node.
/// </remarks>
public sealed class PostgresNotificationRelay : IAsyncDisposable
{
    /// <summary>PostgreSQL refuses payloads of 8,000 bytes or more.</summary>
    public const int MaxPayloadBytes = 7999;

    // The first reconnect waits 2 seconds; each next failed one doubles the wait, up to 1 minute.
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromMinutes(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _channel;
    private readonly Func<string, Task> _received;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<string> _inbox = Channel.CreateUnbounded<string>(new UnboundedChannelOptions
    {
        SingleReader = true,
    });

    private Task? _loop;
    private Task? _delivery;
    private int _disposed;

    /// <param name="connectionString">A keyword connection string or a <c>postgres://</c> URL.</param>
    /// <param name="channel">
    /// The channel name: letters, digits and underscores, such as <c>workflowkit_tasks</c>.
    /// </param>
    /// <param name="received">Called with each payload; exceptions are logged and do not stop the relay.</param>
    /// <param name="logger">Where connection losses and handler failures are logged.</param>
    public PostgresNotificationRelay(
        string connectionString, string channel, Func<string, Task> received, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(received);
        if (string.IsNullOrEmpty(channel) || channel.Length > 63 ||
            !channel.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(channel[0]))
        {
            throw new ArgumentException(
                $"Expected a channel name of up to 63 letters, digits and underscores, not starting with a digit; " +
                $"got \"{channel}\".", nameof(channel));
        }

        var builder = new NpgsqlConnectionStringBuilder(PostgresConnectionString.Normalize(connectionString))
        {
            // The listening connection must stay open and see notifications as they arrive.
            KeepAlive = 30,
        };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _channel = channel;
        _received = received;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Starts listening; completes once the LISTEN is in place, so nothing sent afterwards is missed.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _delivery ??= Task.Run(() => DeliverLoopAsync(_stopping.Token), CancellationToken.None);
        _loop ??= Task.Run(() => ListenLoopAsync(_stopping.Token), CancellationToken.None);
        return _listening.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Sends a payload to every listening node. Payloads must stay under 8,000 UTF-8 bytes.</summary>
    public async Task PublishAsync(string payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var size = System.Text.Encoding.UTF8.GetByteCount(payload);
        if (size > MaxPayloadBytes)
        {
            throw new ArgumentException(
                $"Expected a notification payload under 8,000 bytes, got {size}; send ids and let receivers read " +
                "the rest from the database.", nameof(payload));
        }

        await using var command = _dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", _channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // A container that registers the relay under two service types disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _inbox.Writer.TryComplete();
        foreach (var task in new[] { _loop, _delivery })
        {
            if (task is null)
            {
                continue;
            }

            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping cancels the wait for the next notification.
            }
        }

        _stopping.Dispose();
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private async Task ListenLoopAsync(CancellationToken stopping)
    {
        var failures = 0;
        var delay = ReconnectDelay;
        var lostAt = 0L;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stopping).ConfigureAwait(false);
                connection.Notification += (_, message) => _inbox.Writer.TryWrite(message.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {_channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
                }

                _listening.TrySetResult();
                if (failures == 0)
                {
                    RelayLog.Listening(_logger, _channel);
                }
                else
                {
                    RelayLog.Reconnected(_logger, _channel, failures, System.Diagnostics.Stopwatch.GetElapsedTime(lostAt));
                    failures = 0;
                    delay = ReconnectDelay;
                }

                while (!stopping.IsCancellationRequested)
                {
                    await connection.WaitAsync(stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.IO.IOException)
            {
                // One warning per outage: a stopped server fails every reconnect the same way.
                failures++;
                if (failures == 1)
                {
                    lostAt = System.Diagnostics.Stopwatch.GetTimestamp();
                    RelayLog.ConnectionLost(_logger, exception, _channel, delay, MaxReconnectDelay);
                }
                else
                {
                    RelayLog.ReconnectFailed(_logger, _channel, failures, delay);
                }

                await Task.Delay(delay, stopping).ConfigureAwait(false);
                delay = delay * 2 < MaxReconnectDelay ? delay * 2 : MaxReconnectDelay;
            }
        }
    }

    // One reader delivers the payloads one after another, so handlers see them in commit order.
    private async Task DeliverLoopAsync(CancellationToken stopping)
    {
        await foreach (var payload in _inbox.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
        {
            try
            {
                await _received(payload).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                RelayLog.HandlerFailed(_logger, exception, _channel);
            }
        }
    }
}
