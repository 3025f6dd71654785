using System.Diagnostics;
using System.Reflection;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Bench.Engine;

/// <summary>
/// Times every call the engine makes to its runtime store (a proxy over <see cref="IRuntimeStore"/>,
/// so it covers each method of the contract without restating them), until the returned task completes.
/// </summary>
public class TimedRuntimeStore : DispatchProxy
{
    private IRuntimeStore _inner = null!;
    private PhaseTimes _phases = null!;

    public static IRuntimeStore Wrap(IRuntimeStore inner, PhaseTimes phases)
    {
        var proxy = Create<IRuntimeStore, TimedRuntimeStore>();
        var timed = (TimedRuntimeStore)(object)proxy;
        timed._inner = inner;
        timed._phases = phases;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var started = Stopwatch.GetTimestamp();
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            _phases.Add(PhaseTimes.Store, started);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }

        if (result is Task task)
        {
            _ = task.ContinueWith(
                _ => _phases.Add(PhaseTimes.Store, started), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        else
        {
            _phases.Add(PhaseTimes.Store, started);
        }

        return result;
    }
}
