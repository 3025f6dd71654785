using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using WorkflowKit.Designer;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Api;
using WorkflowKit.Designer.Components;
using WorkflowKit.Designer.Hosting;

var builder = WebApplication.CreateBuilder(args);

// ASP.NET Core serves the packages' files (MudBlazor, the diagram library) from the build output only in
// Development. This call reads the build's manifest of them in every environment, so `dotnet run` without a launch
// profile shows a working UI. A published app copies the files into its own wwwroot instead.
builder.WebHost.UseStaticWebAssets();
if (string.IsNullOrEmpty(builder.Configuration["urls"])
    && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

try
{
    builder.AddWorkflowKitDesigner();
}
catch (EngineSettingsException error)
{
    // Each message names its key and the fix, so each is one log line without a stack trace. The app's own logging
    // does not exist yet, so a console logger with the app's logging settings writes them.
    using (var loggers = LoggerFactory.Create(logging =>
        logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole()))
    {
        var logger = loggers.CreateLogger<DesignerBootstrapper>();
        foreach (var problem in error.Problems)
        {
            DesignerLog.SettingInvalid(logger, problem);
        }
    }

    Environment.ExitCode = 1;
    return;
}

var app = builder.Build();

try
{
    await app.Services.GetRequiredService<DatabaseStartupWait>().OpenAsync(app.Lifetime.ApplicationStopping);
    await app.Services.GetRequiredService<DesignerBootstrapper>().InitializeAsync(app.Lifetime.ApplicationStopping);
}
catch (FirstStartException error)
{
    // The message states what happened and what to do, so it is logged without a stack trace.
    DesignerLog.StartFailed(app.Services.GetRequiredService<ILogger<DesignerBootstrapper>>(), error.Message);
    Environment.ExitCode = 1;
    return;
}

if (!app.Environment.IsDevelopment())
{
    // UnhandledErrorHandler logs the exception with a reference id and replies to API callers with a problem; people
    // get the error page. The handler sits in the main pipeline, because a request re-executed inside a UseWhen branch
    // found no endpoint (as the status code page did). It logs each exception itself, with the id, so the middleware's
    // own log line is switched off.
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/error",
        CreateScopeForErrors = true,
        SuppressDiagnosticsCallback = _ => true,
    });
}

// Inside the exception handlers, so that a request that failed on an unreachable database gets 503 and its message
// rather than the generic 500.
app.UseMiddleware<DatabaseOutageMiddleware>();

// API callers get a problem reply for an unknown route or method, and people get the not-found page. The status code
// page sits in the main pipeline, because a request re-executed inside a UseWhen branch found no endpoint and the 404
// went out empty. API requests switch it off.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.Use((context, next) =>
{
    if (context.Request.Path.StartsWithSegments("/api")
        && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
    {
        statusCodePages.Enabled = false;
    }

    return next(context);
});
app.UseApiRouteProblems();
app.UseApiBadRequests();
app.UseAuthentication();

// After authentication, so that ClaimCultureProvider reads the signed-in user's language. The request culture,
// which <html lang> reads, is then the pages' language rather than the browser's Accept-Language.
app.UseRequestLocalization(localization =>
{
    localization.SetDefaultCulture("zh-CN").AddSupportedCultures("zh-CN", "en").AddSupportedUICultures("zh-CN", "en");
    localization.RequestCultureProviders.Insert(0, new ClaimCultureProvider());
});
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapOpenApi("/api/openapi/{documentName}.json");
app.MapAccountEndpoints();
app.MapWorkflowKitApi();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app.Services.GetRequiredService<IServer>()
    .Features.Get<IServerAddressesFeature>()?.Addresses ?? []));
await app.RunAsync();
