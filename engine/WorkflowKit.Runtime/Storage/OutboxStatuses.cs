namespace WorkflowKit.Runtime.Storage;

/// <summary>States of an outbox message.</summary>
public static class OutboxStatuses
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}
