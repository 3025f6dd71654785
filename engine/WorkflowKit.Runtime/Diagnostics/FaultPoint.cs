namespace WorkflowKit.Runtime.Diagnostics;

/// <summary>Points where a test can make the engine fail, as a crash would.</summary>
public enum FaultPoint
{
    BeforeCommit,
    AfterCommit,
    BeforeDelivery,
    AfterDelivery,

    /// <summary>
    /// Before a cancel or a withdrawal locks the rows of an instance and its sub-flows. The subject is the purpose and
    /// the instance id, such as "withdrawal 0190…", so a test can commit another step in the window before the lock.
    /// </summary>
    BeforeLock,
}
