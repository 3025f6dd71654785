namespace WorkflowKit.Runtime.Storage;

/// <summary>Kinds of outbox messages.</summary>
public static class OutboxKinds
{
    /// <summary>An HTTP node's request; the response is fed back to the instance as a step.</summary>
    public const string Http = "http";

    /// <summary>A notification for a channel other than in-app; nothing is fed back.</summary>
    public const string Notification = "notification";
}
