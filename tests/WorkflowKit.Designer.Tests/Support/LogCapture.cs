using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>A logger provider that keeps every entry that the app's log filters let through, for assertions.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

    /// <summary>The entries with event id <paramref name="eventId"/>.</summary>
    public IReadOnlyList<LogEntry> WithId(int eventId) => [.. Entries.Where(entry => entry.EventId == eventId)];

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(
                category, logLevel, eventId.Id, formatter(state, exception), exception,
                state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
    }
}

/// <summary>One captured log entry, with the named values of its message template in <c>State</c>.</summary>
internal sealed record LogEntry(
    string Category, LogLevel Level, int EventId, string Message, Exception? Exception,
    IReadOnlyList<KeyValuePair<string, object?>> State);
