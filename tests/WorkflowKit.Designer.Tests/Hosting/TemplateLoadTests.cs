using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Hosting;

/// <summary>A template package whose manifest is not valid JSON is skipped at start with the problem in the log.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TemplateLoadTests
{
    [Test]
    public async Task Malformed_manifest_is_logged_in_plain_words()
    {
        var templates = Directory.CreateTempSubdirectory("wk-templates-").FullName;
        var package = Directory.CreateDirectory(Path.Combine(templates, "broken")).FullName;
        await File.WriteAllTextAsync(
            Path.Combine(package, "package.json"), "{\n  \"kind\": \"package\",\n  \"key\": \"broken\",\n}");
        var logs = new LogCapture();

        try
        {
            await using var app = new DesignerAppFactory(templates: templates);
            await using var logged = app.WithWebHostBuilder(builder =>
                builder.ConfigureLogging(logging => logging.AddProvider(logs)));
            _ = logged.Services.GetRequiredService<ILoggerFactory>();

            Assert.That(logs.Messages, Does.Contain(
                $"Skipped template file {Path.Combine(package, "package.json")}: package.json is not valid JSON at " +
                "line 4, column 1 (JSON path $): a comma follows the last property of the object. Remove that comma."));
        }
        finally
        {
            Directory.Delete(templates, recursive: true);
        }
    }

    private sealed class LogCapture : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(
                LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
