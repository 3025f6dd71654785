namespace WorkflowKit.Runtime.Tests.Support;

/// <summary>Stands for a process crash at a fault point.</summary>
public sealed class SimulatedCrashException(string message) : Exception(message);
