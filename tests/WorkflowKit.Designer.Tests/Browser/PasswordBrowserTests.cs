using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// Passwords in Chromium. A user changes their own from the app bar and signs in with the new one. An admin sets
/// a forgotten password from the user editor, and the user signs in with it.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PasswordBrowserTests
{
    private const string InputSelector = "xpath=descendant-or-self::input";

    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync() => _session = await BrowserSession.StartAsync();

    [TearDown]
    public Task CaptureAsync() => _session.CaptureFailureAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    [Test]
    public async Task User_changes_own_password()
    {
        var page = await _session.SignInAsync("sales2");

        await page.ClickAsync("#change-password");
        await page.GetByTestId("current-password").Locator(InputSelector).FillAsync(Designer.Hosting.DemoAccounts.Password);
        await page.GetByTestId("new-password").Locator(InputSelector).FillAsync("Autumn#2026");
        await page.GetByTestId("confirm-password").Locator(InputSelector).FillAsync("Autumn#2026");
        await page.GetByTestId("confirm-password").Locator(InputSelector).PressAsync("Tab");
        await page.GetByTestId("change-password").ClickAsync();
        // The change ended this session too, so the page lands on the sign-in page with the name filled in.
        await Expect(page.Locator("#password-changed")).ToHaveTextAsync("密码已修改，用旧密码登录的会话均已退出；请用新密码登录。");
        await Expect(page.Locator("#userName")).ToHaveValueAsync("sales2");
        await _session.ScreenshotAsync(page, "60-password-changed");

        await SignInAsync(page, "sales2", "Autumn#2026");
        await Expect(page.Locator("#current-user")).ToBeVisibleAsync();
    }

    [Test]
    public async Task Admin_sets_forgotten_password()
    {
        var admin = await _session.SignInAsync("admin");
        await admin.GotoAsync("/admin/users");
        await admin.GetByTestId("edit-user-finance1").ClickAsync();
        await admin.GetByTestId("user-new-password").Locator(InputSelector).FillAsync("Reset#2026x");
        await admin.GetByTestId("user-new-password").Locator(InputSelector).PressAsync("Tab");
        await admin.GetByTestId("user-set-password").ClickAsync();
        await Expect(admin.GetByText("请告知本人")).ToBeVisibleAsync();

        var context = await _session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _session.App.RootUri.ToString(),
            Locale = "zh-CN",
        });
        var user = await context.NewPageAsync();
        await SignInAsync(user, "finance1", "Reset#2026x");
        await Expect(user.Locator("#current-user")).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    [Test]
    public async Task Admin_imports_users_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"wk-users-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(
            file,
            """{ "users": [{ "id": "audit1", "displayName": "吴静 Wu Jing", "department": "finance", "roles": ["finance"] }] }""");
        try
        {
            var admin = await _session.SignInAsync("admin");
            await admin.GotoAsync("/admin/users");
            await admin.GetByTestId("import-initial-password").Locator(InputSelector).FillAsync("Welcome#2026");
            await admin.GetByTestId("import-initial-password").Locator(InputSelector).PressAsync("Tab");
            await admin.GetByTestId("import-users-file").SetInputFilesAsync(file);
            await Expect(admin.GetByText("新建 1 个用户")).ToBeVisibleAsync();
            await Expect(admin.GetByTestId("users")).ToContainTextAsync("吴静 Wu Jing");
            await _session.ScreenshotAsync(admin, "61-users-imported");
        }
        finally
        {
            File.Delete(file);
        }

        var context = await _session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _session.App.RootUri.ToString(),
            Locale = "zh-CN",
        });
        var user = await context.NewPageAsync();
        await SignInAsync(user, "audit1", "Welcome#2026");
        await Expect(user.Locator("#current-user")).ToHaveTextAsync("吴静 Wu Jing");
        await context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
    }
}
