using System.Collections.Concurrent;

namespace WorkflowKit.Bench.Peer;

/// <summary>Counts peer instances that reached their last step and the records they created.</summary>
public sealed class PeerCompletion
{
    private int _completed;
    private int _target = int.MaxValue;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentBag<decimal> Records { get; } = [];

    public Task Done => _done.Task;

    public void Reset(int target)
    {
        _completed = 0;
        _target = target;
        Records.Clear();
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void RecordCreated(OrderData data)
    {
        Records.Add(data.Total);
        if (Interlocked.Increment(ref _completed) == _target)
        {
            _done.TrySetResult();
        }
    }
}
