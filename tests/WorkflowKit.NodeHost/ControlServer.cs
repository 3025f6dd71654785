using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage;

namespace WorkflowKit.NodeHost;

/// <summary>
/// A small HTTP endpoint on 127.0.0.1 through which a test drives this node:
/// <c>POST /flows/{key}/start?user=U&amp;count=N</c> starts instances (answers their ids, one a line),
/// <c>POST /tasks/{id}/{action}?user=U</c> acts on a task (200 "ok", 409 on a conflict),
/// <c>POST /stop</c> stops the node. It prints <c>READY http://127.0.0.1:PORT/</c> when listening.
/// </summary>
internal sealed class ControlServer(WorkflowEngine engine, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var listener = new HttpListener();
        var prefix = $"http://127.0.0.1:{FreePort()}/";
        listener.Prefixes.Add(prefix);
        listener.Start();
        await Console.Out.WriteLineAsync("READY " + prefix).ConfigureAwait(false);
        await Console.Out.FlushAsync(stoppingToken).ConfigureAwait(false);
        using var registration = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context, stoppingToken), stoppingToken);
        }
    }

    private async Task HandleAsync(HttpListenerContext context, CancellationToken cancellationToken)
    {
        var (status, body) = await AnswerAsync(context.Request, cancellationToken).ConfigureAwait(false);
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.OutputStream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        context.Response.Close();
    }

    private async Task<(int Status, string Body)> AnswerAsync(HttpListenerRequest request, CancellationToken token)
    {
        var parts = request.Url!.AbsolutePath.Trim('/').Split('/');
        var user = request.QueryString["user"] ?? "system";
        try
        {
            switch (parts)
            {
                case ["flows", var key, "start"]:
                    var count = int.Parse(request.QueryString["count"] ?? "1", CultureInfo.InvariantCulture);
                    var ids = new List<string>();
                    for (var i = 0; i < count; i++)
                    {
                        var started = await engine.StartAsync(new StartInstanceRequest(key, user), token)
                            .ConfigureAwait(false);
                        ids.Add(started.Id);
                    }

                    return (200, string.Join('\n', ids));
                case ["tasks", var taskId, var action]:
                    await engine.ActAsync(new TaskActionRequest(taskId, action, user), token).ConfigureAwait(false);
                    return (200, "ok");
                case ["stop"]:
                    lifetime.StopApplication();
                    return (200, "stopping");
                default:
                    return (404, $"Unknown path {request.Url.AbsolutePath}.");
            }
        }
        catch (ConcurrencyConflictException conflict)
        {
            return (409, conflict.Message);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return (500, exception.ToString());
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
