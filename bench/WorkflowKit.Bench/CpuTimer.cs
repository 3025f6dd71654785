using System.Diagnostics;

namespace WorkflowKit.Bench;

/// <summary>
/// Measures wall time and the process's CPU time over a stretch of single-threaded work. On a
/// busy machine the CPU time is what the work itself cost on one core; the wall time also holds
/// the time other processes had the core.
/// </summary>
public sealed class CpuTimer
{
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart;

    private CpuTimer()
    {
        _process.Refresh();
        _cpuAtStart = _process.TotalProcessorTime;
    }

    public static CpuTimer Start() => new();

    public TimeSpan Wall => _wall.Elapsed;

    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime - _cpuAtStart;
        }
    }
}
