using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Data.Sqlite;
using MudBlazor.Services;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Api;
using WorkflowKit.Designer.Hosting.ScaleOut;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Records;
using WorkflowKit.Designer.Services.Engine;
using WorkflowKit.Expressions;
using WorkflowKit.Forms;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Hosting;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Hosting;

/// <summary>Registers the designer's services, authentication and UI.</summary>
public static class DesignerServices
{
    public const string SmartScheme = "WorkflowKit";

    public static WebApplicationBuilder AddWorkflowKitDesigner(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<DesignerOptions>(builder.Configuration.GetSection(DesignerOptions.Section));
        var storage = ResolveStorage(builder.Configuration, builder.Environment.ContentRootPath);

        services.AddSingleton(TimeProvider.System);
        services.AddWorkflowKitStores(storage);
        services.AddSingleton<AccountStore>();
        services.AddSingleton<AccountImport>();
        services.AddSingleton<RoleStore>();
        services.AddSingleton<RoleCatalog>();
        services.AddSingleton<IOrganizationDirectory, AccountDirectory>();
        services.AddSingleton<ITaskNotifier, TaskNotifier>();
        services.AddSingleton(provider => new FormValidatorFactory(new FormValidationServices
        {
            Directory = provider.GetRequiredService<IOrganizationDirectory>(),
            Records = provider.GetRequiredService<IRecordStore>(),
            Reader = provider.GetRequiredService<RecordReader>(),
            Conditions = new ConditionEvaluator(provider.GetRequiredService<ScriptHost>()),
            Time = provider.GetRequiredService<TimeProvider>(),
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById(provider.GetRequiredService<EngineOptions>().TimeZone),
            Files = provider.GetRequiredService<WorkflowKit.Files.IFileStore>(),
            FileReadAccess = provider.GetRequiredService<Files.FileReadAccess>(),
        }));
        // The pages validate without the submitting user, so they check only the shape of file values. The engine, the
        // records API and imports check the files themselves when they write.
        services.AddSingleton<IFormValidationService>(provider => new FormsValidationService(new FormValidatorFactory(
            provider.GetRequiredService<FormValidatorFactory>().Services with { Files = null, FileReadAccess = null })));
        services.AddSingleton<IDefinitionService, StoreDefinitionService>();
        services.AddWorkflowKitRecords();
        services.AddSingleton(_ => new ScriptHost());
        services.AddSingleton<Forms.FormFormulas>();
        services.AddSingleton<Forms.LookupChoices>();
        services.AddSingleton<Forms.RelatedChoices>();
        services.AddSingleton<IFlowExpressions, ScriptHostFlowExpressions>();
        services.AddSingleton<IFlowDefinitionSource, StoreFlowDefinitionSource>();
        services.AddSingleton<FlowTestRunner>();
        services.AddWorkflowKitRuntime(options => EngineSettings.Apply(builder.Configuration, options));
        services.AddWorkflowKitAdmin();
        services.AddSingleton<IWorkService, EngineWorkService>();
        services.AddSingleton<IIncidentService, EngineIncidentService>();
        services.AddSingleton<IScheduleService, EngineScheduleService>();
        services.AddHostedService<EngineTaskNotifications>();
        services.AddSingleton<Files.FileService>();
        services.AddSingleton<Files.FileReadAccess>();
        services.AddSingleton<Files.FileSweep>();
        services.AddHostedService(provider => provider.GetRequiredService<Files.FileSweep>());
        services.AddSingleton<Portal.DraftSweep>();
        services.AddHostedService(provider => provider.GetRequiredService<Portal.DraftSweep>());
        services.AddSingleton<DatabaseStartupWait>();
        services.AddSingleton<DesignerBootstrapper>();
        services.AddSingleton<FirstStartRecord>();
        services.AddSingleton<SampleDataSeeder>();
        services.AddScoped<UiText>();
        services.AddSingleton<TenantTime>();
        services.AddScoped<Portal.NotificationReadSignal>();

        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or API key", policy =>
                policy.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/login";
                cookie.AccessDeniedPath = "/denied";
                cookie.Cookie.Name = ApiDocument.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.SlidingExpiration = true;
                cookie.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
                cookie.Events.OnValidatePrincipal = CookieAccountCheck.ValidateAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Design, policy => policy.RequireRole(RoleNames.Admin, RoleNames.ProcessOwner))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(RoleNames.Admin));
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery();
        services.AddLocalization();
        services.AddApiDocument();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Api.ApiProblem.Customize);
        services.AddExceptionHandler<UnhandledErrorHandler>();
        services.AddApiBadRequests();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(options =>
        {
            // Toasts at the top right covered the new-form inputs and the designers' save and publish buttons, which
            // are what a user needs next after reading the message.
            options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
        });
        services.AddTransient<MudBlazor.MudLocalizer, MudTextLocalizer>();
        services.AddWorkflowKitScaleOut(builder.Configuration);
        services.AddForecastDashboard();
        return builder;
    }

    /// <summary>
    /// Reads <c>WorkflowKit:Storage</c>; a SQLite path (or "Data Source=…" string) becomes a full
    /// path under the content root.
    /// </summary>
    public static WorkflowKit.Storage.StorageOptions ResolveStorage(IConfiguration configuration, string contentRoot)
    {
        var options = WorkflowKit.Storage.StorageOptions.FromConfiguration(configuration, "workflowkit.db");
        if (options.Provider != StorageProvider.Sqlite)
        {
            return options;
        }

        var path = options.ConnectionString.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(options.ConnectionString).DataSource
            : options.ConnectionString;
        return options with { ConnectionString = Path.GetFullPath(path, contentRoot) };
    }

    // API calls and Blazor's own requests get a status code, and a 401 under /api explains how to authenticate. Pages are
    // redirected to sign in.
    private static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            if (status == StatusCodes.Status401Unauthorized)
            {
                return ApiChallenge.WriteAsync(context.HttpContext, ApiChallenge.MissingCredentials);
            }

            return ApiChallenge.WriteForbiddenAsync(context.HttpContext);
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
