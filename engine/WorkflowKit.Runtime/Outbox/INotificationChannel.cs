using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Outbox;

/// <summary>
/// A way out for notifications other than in-app (email, a chat bot). The engine calls it from
/// the outbox with an idempotency key that stays the same when a delivery is repeated.
/// </summary>
public interface INotificationChannel
{
    /// <summary>Channel name used by notification nodes, such as "email".</summary>
    string Name { get; }

    /// <param name="payload">Recipients (user ids), message (localized text), instance and node ids.</param>
    /// <param name="idempotencyKey">Same for every repeat of one message.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    Task DeliverAsync(JsonObject payload, string idempotencyKey, CancellationToken cancellationToken);
}
