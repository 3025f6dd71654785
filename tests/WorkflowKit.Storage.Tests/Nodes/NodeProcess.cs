using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace WorkflowKit.Storage.Tests.Nodes;

/// <summary>
/// One engine node (tests/WorkflowKit.NodeHost) running as its own process against a PostgreSQL
/// database, driven over HTTP on 127.0.0.1. Disposing stops it, killing it if it does not exit.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly HttpClient _http;

    private NodeProcess(string nodeId, Process process, Uri address)
    {
        NodeId = nodeId;
        _process = process;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
    }

    public string NodeId { get; }

    public bool HasExited => _process.HasExited;

    public static async Task<NodeProcess> StartAsync(
        string connectionString, string nodeId, int leaseSeconds = 2, int stepDelayMs = 0, int batch = 50)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     HostAssembly(), "--connection", connectionString, "--node", nodeId,
                     "--lease-seconds", leaseSeconds.ToString(CultureInfo.InvariantCulture),
                     "--step-delay-ms", stepDelayMs.ToString(CultureInfo.InvariantCulture), "--poll-ms", "200",
                     "--batch", batch.ToString(CultureInfo.InvariantCulture),
                 })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)
            ?? throw new InvalidOperationException($"Could not start node host {nodeId}.");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, line) => { lock (errors) { errors.AppendLine(line.Data); } };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException(
                        $"Node {nodeId} exited before it was ready: {Snapshot(errors)}");
                if (line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    _ = DrainAsync(process.StandardOutput);
                    return new NodeProcess(nodeId, process, new Uri(line["READY ".Length..]));
                }
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Node {nodeId} did not print READY within {StartTimeout}: {Snapshot(errors)}");
        }
    }

    /// <summary>Starts <paramref name="count"/> instances of a flow through this node and returns their ids.</summary>
    public async Task<IReadOnlyList<string>> StartInstancesAsync(string flowKey, int count)
    {
        using var response = await _http.PostAsync(
            new Uri($"flows/{flowKey}/start?user=alice&count={count}", UriKind.Relative), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"start through {NodeId}: {body}");
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Acts on a task through this node; returns 200 for done and 409 for a conflict.</summary>
    public async Task<HttpStatusCode> ActAsync(string taskId, string action, string user)
    {
        using var response = await _http.PostAsync(
            new Uri($"tasks/{taskId}/{action}?user={user}", UriKind.Relative), null);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Conflict))
        {
            Assert.Fail($"{action} of task {taskId} through {NodeId} answered {(int)response.StatusCode}: " +
                        await response.Content.ReadAsStringAsync());
        }

        return response.StatusCode;
    }

    /// <summary>Kills the process at once, as a crash would, without letting it release anything.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(30_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await _http.PostAsync(new Uri("stop", UriKind.Relative), null, stop.Token);
                using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await _process.WaitForExitAsync(exit.Token);
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _http.Dispose();
        _process.Dispose();
    }

    internal static string HostAssembly()
    {
        var testDirectory = TestContext.CurrentContext.TestDirectory;
        var path = testDirectory.Replace(
            Path.Combine("tests", "WorkflowKit.Storage.Tests"), Path.Combine("tests", "WorkflowKit.NodeHost"),
            StringComparison.Ordinal);
        var assembly = Path.Combine(path, "WorkflowKit.NodeHost.dll");
        return File.Exists(assembly)
            ? assembly
            : throw new FileNotFoundException(
                $"Expected the node host at {assembly}; build tests/WorkflowKit.NodeHost first.", assembly);
    }

    private static async Task DrainAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is not null)
        {
        }
    }

    private static string Snapshot(System.Text.StringBuilder errors)
    {
        lock (errors)
        {
            return errors.Length == 0 ? "(no output on stderr)" : errors.ToString();
        }
    }
}
