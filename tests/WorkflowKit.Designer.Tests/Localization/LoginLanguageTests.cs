using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Localization;

/// <summary>The language picked on the sign-in page: it becomes the account's language, and a failed attempt keeps it.</summary>
[TestFixture]
public sealed class LoginLanguageTests
{
    [Test]
    public async Task Picked_language_becomes_account_language()
    {
        await using var app = new DesignerAppFactory();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        using var signIn = await CookieClients.PostLoginAsync(client, "sales1", DemoAccounts.Password, "en");

        var account = await app.Services.GetRequiredService<AccountStore>().FindAsync("sales1", default);
        Assert.That(signIn.Headers.Location?.ToString(), Is.EqualTo("/"));
        Assert.That(account!.Culture, Is.EqualTo("en"));
    }

    [Test]
    public async Task Failed_sign_in_keeps_picked_language()
    {
        await using var app = new DesignerAppFactory();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        using var signIn = await CookieClients.PostLoginAsync(client, "sales1", "wrong password", "en");

        Assert.That(signIn.Headers.Location?.ToString(), Does.StartWith("/login?error=1&culture=en"));
    }

    [Test]
    public async Task Unpicked_language_keeps_account_language()
    {
        await using var app = new DesignerAppFactory();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        using var signIn = await CookieClients.PostLoginAsync(client, "sales1", DemoAccounts.Password, culture: null);

        var account = await app.Services.GetRequiredService<AccountStore>().FindAsync("sales1", default);
        Assert.That(account!.Culture, Is.EqualTo("zh-CN"));
    }
}
