namespace WorkflowKit.Runtime.Storage;

/// <summary>Kinds of outbox messages.</summary>
public static class OutboxKinds
{
    /// <summary>An HTTP node's request; the response is fed back to the instance as a step.</summary>
    public const string Http = "http";

    /// <summary>A notification for a channel other than in-app; nothing is fed back.</summary>
    public const string Notification = "notification";

    /// <summary>
    /// A record write that matched a record trigger; delivering it starts the flow in the transaction that
    /// marks the message delivered.
    /// </summary>
    public const string RecordTrigger = "recordTrigger";
}
