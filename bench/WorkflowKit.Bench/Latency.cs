using System.Diagnostics;

namespace WorkflowKit.Bench;

/// <summary>Percentiles of recorded latencies in milliseconds.</summary>
public sealed class Latency
{
    private readonly List<double> _samples = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _samples.Count;
            }
        }
    }

    public static Stopwatch StartTiming() => Stopwatch.StartNew();

    public void Record(TimeSpan elapsed)
    {
        lock (_gate)
        {
            _samples.Add(elapsed.TotalMilliseconds);
        }
    }

    public double Percentile(double p)
    {
        lock (_gate)
        {
            if (_samples.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _samples.Order().ToArray();
            var index = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
            return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
        }
    }
}
