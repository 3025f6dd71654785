using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Designer.Localization;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// Base of bunit tests of the admin pages over the services of a designer on its own SQLite file. Each test gets a
/// fresh app and a bunit context with MudBlazor's services, the page language, the app services that
/// <see cref="AppServices"/> lists, a signed-in admin and a popover provider.
/// </summary>
public abstract class AdminPageTests
{
    protected DesignerAppFactory App { get; private set; } = default!;

    protected BunitContext Context { get; private set; } = default!;

    /// <summary>The page language, such as <c>en</c> or <c>zh-CN</c>.</summary>
    protected abstract string Culture { get; }

    /// <summary>Service types that the pages under test inject, copied from the app into the bunit context.</summary>
    protected abstract IReadOnlyList<Type> AppServices { get; }

    [SetUp]
    public void CreateContext()
    {
        App = new DesignerAppFactory();
        App.CreateClient().Dispose();

        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddLogging();
        var culture = Culture;
        Context.Services.AddScoped(_ => new UiText { Culture = culture });
        foreach (var type in AppServices)
        {
            Context.Services.AddSingleton(type, App.Services.GetRequiredService(type));
        }

        var authorization = Context.AddAuthorization();
        authorization.SetAuthorized("admin");
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "admin"));
        Context.Render<MudPopoverProvider>();
    }

    [TearDown]
    public async Task DisposeContextAsync()
    {
        await Context.DisposeAsync();
        await App.DisposeAsync();
    }

    /// <summary>The messages of the snackbars that the pages showed.</summary>
    protected List<string?> Snackbars() =>
        [.. Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(bar => bar.Message)];
}
