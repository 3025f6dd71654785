namespace WorkflowKit.Runtime.Diagnostics;

/// <summary>The production fault injector: never fails.</summary>
public sealed class NoFaults : IFaultInjector
{
    public static NoFaults Instance { get; } = new();

    public void At(FaultPoint point, string subject)
    {
    }
}
