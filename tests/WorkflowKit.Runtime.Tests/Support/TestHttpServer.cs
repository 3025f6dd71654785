using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Tests.Support;

/// <summary>
/// An HTTP server on 127.0.0.1 for HTTP-node tests. It applies each distinct idempotency key once
/// and answers repeats with the first answer, like a receiver that honours the header.
/// </summary>
public sealed class TestHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, string> _answers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;
    private int _applied;

    public TestHttpServer()
    {
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    /// <summary>Requests received, repeats included.</summary>
    public int Requests => _requests;

    /// <summary>Side effects applied: one per distinct idempotency key.</summary>
    public int Applied => _applied;

    public int DistinctKeys => _answers.Count;

    /// <summary>Status code answered to every request; 200 unless a test sets another.</summary>
    public int StatusCode { get; set; } = 200;

    public ConcurrentQueue<string> Bodies { get; } = new();

    /// <summary>Method and raw target (path and query as sent, percent-encoding kept) of each request.</summary>
    public ConcurrentQueue<(string Method, string RawUrl)> Targets { get; } = new();

    /// <summary>
    /// Writer of the response in place of the default JSON reply, when set. The server closes the response
    /// afterwards, and it aborts the response when the client closed the connection during the write.
    /// </summary>
    public Func<HttpListenerContext, Task>? Responder { get; set; }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            Bodies.Enqueue(await reader.ReadToEndAsync());
            Targets.Enqueue((context.Request.HttpMethod, context.Request.RawUrl ?? string.Empty));
            if (Responder is { } responder)
            {
                await RespondAsync(context, responder);
                continue;
            }

            var key = context.Request.Headers["Idempotency-Key"] ?? Guid.NewGuid().ToString("N");
            var answer = StatusCode == 200
                ? _answers.GetOrAdd(key, _ => new JsonObject
                {
                    ["tracking"] = $"T-{Interlocked.Increment(ref _applied)}",
                }.ToJsonString())
                : """{"error": "failing on purpose"}""";
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.StatusCode = StatusCode;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static async Task RespondAsync(HttpListenerContext context, Func<HttpListenerContext, Task> responder)
    {
        try
        {
            await responder(context);
            context.Response.Close();
        }
        catch (Exception exception) when (exception is HttpListenerException or IOException or ObjectDisposedException)
        {
            context.Response.Abort();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
            // The listener was closed while waiting for a request.
        }

        _stop.Dispose();
    }
}
