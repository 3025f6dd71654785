namespace WorkflowKit.Runtime.Diagnostics;

/// <summary>Points where a test can make the engine fail, as a crash would.</summary>
public enum FaultPoint
{
    BeforeCommit,
    AfterCommit,
    BeforeDelivery,
    AfterDelivery,
}
