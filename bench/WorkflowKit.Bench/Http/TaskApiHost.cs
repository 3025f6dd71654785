using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage;

namespace WorkflowKit.Bench.Http;

/// <summary>
/// A minimal REST endpoint on Kestrel at 127.0.0.1 that completes tasks through the same
/// <see cref="WorkflowEngine.ActAsync"/> call the designer's API makes, with the designer's route
/// (<c>POST /api/tasks/{id}/actions</c>, body <c>{"action": "approve"}</c>). The caller names
/// the acting user in an <c>X-User</c> header instead of signing in.
/// </summary>
// NOTE: switch to the designer's own API (designer/WorkflowKit.Designer) once it runs on the WorkflowEngine.
public sealed class TaskApiHost : IAsyncDisposable
{
    public const string UserHeader = "X-User";

    private readonly WebApplication _app;

    private TaskApiHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<TaskApiHost> StartAsync(WorkflowEngine engine)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/api/tasks/{id}/actions", (string id, JsonObject body, HttpContext http, CancellationToken ct) =>
            ActAsync(engine, id, body, http, ct));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TaskApiHost(app, new Uri(address));
    }

    private static async Task<IResult> ActAsync(
        WorkflowEngine engine, string id, JsonObject body, HttpContext http, CancellationToken cancellationToken)
    {
        var user = http.Request.Headers[UserHeader].ToString();
        if (string.IsNullOrEmpty(user))
        {
            return Results.Problem($"Send the acting user's id in the {UserHeader} header.", statusCode: 401);
        }

        var action = body["action"]?.GetValue<string>() ?? string.Empty;
        try
        {
            await engine.ActAsync(
                new TaskActionRequest(id, action, user) { Comment = body["comment"]?.GetValue<string>() }, cancellationToken);
            return Results.NoContent();
        }
        catch (ConcurrencyConflictException conflict)
        {
            return Results.Problem(conflict.Message, statusCode: 409);
        }
        catch (KeyNotFoundException missing)
        {
            return Results.Problem(missing.Message, statusCode: 404);
        }
        catch (UnauthorizedAccessException denied)
        {
            return Results.Problem(denied.Message, statusCode: 403);
        }
        catch (ArgumentException invalid)
        {
            return Results.Problem(invalid.Message, statusCode: 400);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
