using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Admin;

/// <summary>
/// The users page in bunit over the account store of a designer on its own SQLite file: a user that the database
/// rejects gets a message with what to do, without the database's own text.
/// </summary>
[TestFixture]
public sealed class UsersPageTests
{
    private DesignerAppFactory _app = default!;

    private BunitContext Context { get; set; } = default!;

    [SetUp]
    public void CreateContext()
    {
        _app = new DesignerAppFactory();
        _app.CreateClient().Dispose();
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddLogging();
        Context.Services.AddScoped(_ => new UiText { Culture = "en" });
        Context.Services.AddSingleton(_app.Services.GetRequiredService<AccountStore>());
        Context.Services.AddSingleton(_app.Services.GetRequiredService<AccountImport>());
        Context.Services.AddSingleton(_app.Services.GetRequiredService<RoleCatalog>());
        var authorization = Context.AddAuthorization();
        authorization.SetAuthorized("admin");
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "admin"));
        Context.Render<MudPopoverProvider>();
    }

    [TearDown]
    public async Task DisposeContextAsync()
    {
        await Context.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Test]
    public void Existing_user_name_shows_advice()
    {
        var page = Context.Render<Users>();

        TestIds.Input(page, "new-user-name").Change("sales1");
        TestIds.Input(page, "new-user-password").Change("long-enough-password");
        page.Find("[data-testid=create-user]").Click();

        var shown = Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(bar => bar.Message).ToList();
        Assert.That(shown, Is.EqualTo(new[]
        {
            "User \"sales1\" was not created because the database rejected it, most likely because a user with this " +
            "user name already exists. Choose another user name. The details are in the server log.",
        }));
        Assert.That(shown.Single(), Does.Not.Contain("SQLite"));
    }
}
