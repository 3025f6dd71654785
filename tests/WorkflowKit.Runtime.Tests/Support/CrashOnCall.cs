using WorkflowKit.Runtime.Diagnostics;

namespace WorkflowKit.Runtime.Tests.Support;

/// <summary>Throws <see cref="SimulatedCrashException"/> at the Nth fault point it is asked about.</summary>
public sealed class CrashOnCall(int crashAt) : IFaultInjector
{
    private int _calls;

    public List<string> Points { get; } = [];

    public bool Crashed { get; private set; }

    public void At(FaultPoint point, string subject)
    {
        var call = Interlocked.Increment(ref _calls);
        lock (Points)
        {
            Points.Add($"{point} {subject.Split(' ')[0]}");
        }

        if (call == crashAt)
        {
            Crashed = true;
            throw new SimulatedCrashException($"Simulated crash at {point} ({subject}), call {call}.");
        }
    }
}
