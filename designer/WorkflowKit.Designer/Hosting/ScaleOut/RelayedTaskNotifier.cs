using System.Text.Json;
using WorkflowKit.Designer.Services;
using WorkflowKit.Storage.PostgreSql.Notifications;

namespace WorkflowKit.Designer.Hosting.ScaleOut;

/// <summary>
/// The task notifier of a designer node that shares its PostgreSQL database with other nodes:
/// <see cref="Publish"/> sends the notification through <c>NOTIFY</c>, and every node (this one
/// included) raises <see cref="Changed"/> when it arrives, so a user's inbox refreshes whichever
/// node holds their Blazor circuit.
/// </summary>
public sealed class RelayedTaskNotifier : ITaskNotifier, IHostedService, IAsyncDisposable
{
    /// <summary>The LISTEN/NOTIFY channel of task changes.</summary>
    public const string Channel = "workflowkit_tasks";

    private readonly PostgresNotificationRelay _relay;
    private readonly ILogger<RelayedTaskNotifier> _logger;

    public RelayedTaskNotifier(string connectionString, ILogger<RelayedTaskNotifier> logger)
    {
        _logger = logger;
        _relay = new PostgresNotificationRelay(connectionString, Channel, ReceiveAsync, logger);
    }

    public event Action<TaskNotification>? Changed;

    public void Publish(TaskNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var payload = JsonSerializer.Serialize(notification);
        _ = Task.Run(async () =>
        {
            try
            {
                await _relay.PublishAsync(payload, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // A lost signal only delays a refresh; the task itself is already committed.
                ScaleOutLog.NotifyFailed(_logger, exception, notification.InstanceId);
            }
        });
    }

    public Task StartAsync(CancellationToken cancellationToken) => _relay.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => _relay.DisposeAsync();

    private Task ReceiveAsync(string payload)
    {
        var notification = JsonSerializer.Deserialize<TaskNotification>(payload);
        if (notification is not null)
        {
            Changed?.Invoke(notification);
        }

        return Task.CompletedTask;
    }
}
