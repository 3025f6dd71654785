using Microsoft.Playwright;
using WorkflowKit.Designer.Tests.Records;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Permissions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// A package imported on the admin page gets its data permission rules, as one loaded at start
/// does: the app starts with no templates, the administrator imports the biopharma package from a
/// folder under the configured WorkflowKit:PackageFolders root, and the salesperson's customer
/// list is then filtered by region.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PackageImportBrowserTests
{
    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync() => _session = await BrowserSession.StartAsync(settings: new Dictionary<string, string>
    {
        // The app's built-in templates folder is empty here, so the repository's templates are an allowed root.
        ["WorkflowKit:PackageFolders:0"] = DesignerAppFactory.RepositoryTemplates(),
    });

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
    public async Task Admin_import_stores_permission_rules()
    {
        var rules = _session.Get<IPermissionRuleStore>();
        var before = await rules.GetRulesAsync("customer", default);
        var admin = await _session.SignInAsync("admin");
        await admin.GotoAsync("/admin/packages");

        await admin.GetByLabel("或服务器上的模板包目录").FillAsync(
            Path.Combine(DesignerAppFactory.RepositoryTemplates(), "biopharma"));
        await admin.GetByLabel("或服务器上的模板包目录").PressAsync("Tab");
        await admin.GetByTestId("package-preview").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("package-changes")).ToContainTextAsync("customer");
        await admin.GetByTestId("package-import").ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("biopharma");
        await _session.ScreenshotAsync(admin, "19-admin-package-imported");

        var after = await rules.GetRulesAsync("customer", default);
        await RecordApiTests.SeedCustomersAsync(_session.App);
        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync("/records/customer");
        await Assertions.Expect(sales.GetByTestId("records-total")).ToContainTextAsync("2");
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Empty);
            Assert.That(after.Select(rule => rule.Role), Does.Contain("sales"));
            Assert.That(after.Single(rule => rule.Role == "sales").Rows, Is.Not.Null);
        });
    }
}
