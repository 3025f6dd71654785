namespace WorkflowKit.Designer.Admin;

/// <summary>
/// Forwards progress reports to a callback on the reporting thread, unlike <see cref="Progress{T}"/>,
/// which posts to the synchronization context captured at construction.
/// </summary>
public sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
