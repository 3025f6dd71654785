using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Admin;

/// <summary>
/// Passwords after the first sign-in: a user changes their own on the change-password page after typing the
/// current one, and an admin sets one from the user editor. A refused change stores nothing.
/// </summary>
[TestFixture]
public sealed class PasswordTests
{
    private const string NewPassword = "Spring#2026";

    private DesignerAppFactory _app = default!;
    private AccountStore _accounts = default!;

    private BunitContext Context { get; set; } = default!;

    [SetUp]
    public void CreateApp()
    {
        _app = new DesignerAppFactory();
        _accounts = _app.Services.GetRequiredService<AccountStore>();
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddSingleton(_accounts);
    }

    [TearDown]
    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Right_password_is_replaced()
    {
        var outcome = await _accounts.ChangePasswordAsync("sales1", DemoAccounts.Password, NewPassword, default);

        Assert.That(outcome, Is.EqualTo(PasswordChange.Changed));
        Assert.That(await _accounts.VerifyPasswordAsync("sales1", NewPassword, default), Is.Not.Null);
        Assert.That(await _accounts.VerifyPasswordAsync("sales1", DemoAccounts.Password, default), Is.Null);
    }

    [TestCase("wrong password", NewPassword, PasswordChange.WrongPassword)]
    [TestCase(DemoAccounts.Password, "short", PasswordChange.TooShort)]
    [TestCase(DemoAccounts.Password, DemoAccounts.Password, PasswordChange.Unchanged)]
    public async Task Refused_change_keeps_password(string current, string replacement, PasswordChange expected)
    {
        var outcome = await _accounts.ChangePasswordAsync("sales1", current, replacement, default);

        Assert.That(outcome, Is.EqualTo(expected));
        Assert.That(await _accounts.VerifyPasswordAsync("sales1", DemoAccounts.Password, default), Is.Not.Null);
    }

    [Test]
    public async Task Disabled_account_cannot_change()
    {
        var user = await _accounts.FindAsync("sales1", default);
        await _accounts.UpdateAsync(user! with { Disabled = true }, default);

        var outcome = await _accounts.ChangePasswordAsync("sales1", DemoAccounts.Password, NewPassword, default);

        Assert.That(outcome, Is.EqualTo(PasswordChange.WrongPassword));
    }

    [Test]
    public async Task Admin_short_password_is_refused()
    {
        var failure = Assert.ThrowsAsync<InvalidInputException>(() => _accounts.SetPasswordAsync("sales1", "1234567", default));

        Assert.That(failure!.Message, Does.Contain("has 7 characters; use at least 8"));
        Assert.That(await _accounts.VerifyPasswordAsync("sales1", DemoAccounts.Password, default), Is.Not.Null);
    }

    [Test]
    public async Task Page_names_wrong_password_in_chinese()
    {
        var page = await OpenPageAsync("zh-CN");

        TestIds.Input(page, "current-password").Change("not my password");
        TestIds.Input(page, "new-password").Change(NewPassword);
        TestIds.Input(page, "confirm-password").Change(NewPassword);
        page.Find("[data-testid=change-password]").Click();

        page.WaitForAssertion(() => Assert.That(
            page.Find("[data-testid=password-error]").TextContent, Does.Contain("当前密码不正确")));
        Assert.That(await _accounts.VerifyPasswordAsync("sales1", DemoAccounts.Password, default), Is.Not.Null);
    }

    [Test]
    public async Task Page_refuses_differing_confirmation()
    {
        var page = await OpenPageAsync("en");

        TestIds.Input(page, "current-password").Change(DemoAccounts.Password);
        TestIds.Input(page, "new-password").Change(NewPassword);
        TestIds.Input(page, "confirm-password").Change(NewPassword + "x");
        page.Find("[data-testid=change-password]").Click();

        page.WaitForAssertion(() => Assert.That(
            page.Find("[data-testid=password-error]").TextContent, Does.Contain("The two new passwords differ")));
        Assert.That(await _accounts.VerifyPasswordAsync("sales1", NewPassword, default), Is.Null);
    }

    [Test]
    public async Task Page_changes_password()
    {
        var page = await OpenPageAsync("en");

        TestIds.Input(page, "current-password").Change(DemoAccounts.Password);
        TestIds.Input(page, "new-password").Change(NewPassword);
        TestIds.Input(page, "confirm-password").Change(NewPassword);
        page.Find("[data-testid=change-password]").Click();

        // The change ends this session too, so the page sends the user to sign in again, with their name filled in.
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.That(
            navigation.Uri, Does.EndWith("/login?notice=" + Designer.Components.Pages.Login.PasswordChangedNotice + "&userName=sales1")));
        Assert.That(page.FindAll("[data-testid=password-error]"), Is.Empty);
        Assert.That(await _accounts.VerifyPasswordAsync("sales1", NewPassword, default), Is.Not.Null);
    }

    [Test]
    public async Task Admin_reset_ends_open_sessions()
    {
        var before = await CookieClients.SignInAsync(_app, "sales1");
        var bystander = await CookieClients.SignInAsync(_app, "sales2");
        Assert.That((await before.GetAsync("/api/me")).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), "before");

        await _accounts.SetPasswordAsync("sales1", NewPassword, default);

        Assert.Multiple(async () =>
        {
            Assert.That((await before.GetAsync("/api/me")).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Unauthorized),
                "the session opened with the old password");
            Assert.That((await bystander.GetAsync("/api/me")).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK),
                "another user's session");
        });
        var after = await CookieClients.SignInAsync(_app, "sales1", NewPassword);
        Assert.That((await after.GetAsync("/api/me")).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), "new sign-in");
    }

    [Test]
    public async Task Own_change_ends_other_sessions()
    {
        var phone = await CookieClients.SignInAsync(_app, "sales1");

        var outcome = await _accounts.ChangePasswordAsync("sales1", DemoAccounts.Password, NewPassword, default);

        Assert.That(outcome, Is.EqualTo(PasswordChange.Changed));
        Assert.That((await phone.GetAsync("/api/me")).StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Login_page_says_the_password_changed()
    {
        var client = _app.CreateClient();

        var page = await client.GetStringAsync("/login?culture=en&notice=" + Designer.Components.Pages.Login.PasswordChangedNotice);

        Assert.That(page, Does.Contain("Password changed. Every session signed in with the old password has ended"));
    }

    [Test]
    public void Editor_passes_typed_password()
    {
        Context.Services.AddScoped(_ => new UiText { Culture = "en" });
        Context.Render<MudPopoverProvider>();
        var user = new DesignerUser("u1", "sales1", "Zhang Wei", null, [], new Dictionary<string, string>(), "zh-CN", false);
        string? typed = null;
        var editor = Context.Render<UserAttributesEditor>(parameters => parameters
            .Add(p => p.User, user)
            .Add(p => p.OnSetPassword, (string password) => typed = password));

        TestIds.Input(editor, "user-new-password").Change(NewPassword);
        editor.Find("[data-testid=user-set-password]").Click();

        Assert.That(typed, Is.EqualTo(NewPassword));
    }

    private async Task<IRenderedComponent<CascadingValue<Task<AuthenticationState>>>> OpenPageAsync(string culture)
    {
        Context.Services.AddScoped(_ => new UiText { Culture = culture });
        Context.Render<MudPopoverProvider>();
        Context.Render<MudSnackbarProvider>();
        var user = (await _accounts.FindAsync("sales1", default))!;
        var signedIn = Task.FromResult(new AuthenticationState(UserContext.ToPrincipal(user, "test")));
        return Context.Render<CascadingValue<Task<AuthenticationState>>>(parameters => parameters
            .Add(cascade => cascade.Value, signedIn)
            .AddChildContent<ChangePasswordPage>());
    }
}
