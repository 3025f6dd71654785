namespace WorkflowKit.Runtime.Storage;

/// <summary>States of a token.</summary>
public static class TokenStatuses
{
    public const string Active = "active";
    public const string Waiting = "waiting";
    public const string Ended = "ended";
    public const string Cancelled = "cancelled";
}
