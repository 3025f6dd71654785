namespace WorkflowKit.Runtime.Storage;

/// <summary>States of a timer row.</summary>
public static class TimerStatuses
{
    public const string Pending = "pending";
    public const string Fired = "fired";
    public const string Cancelled = "cancelled";
}
