using System.Text;
using Microsoft.Playwright;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The package page in Chromium: an administrator uploads a .zip file from their computer, a broken package names its
/// entry and cannot be imported, and server paths outside the allowed folders all get one reply.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PackageUploadBrowserTests
{
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
    public async Task Upload_previews_and_imports()
    {
        var admin = await _session.SignInAsync("admin");
        await admin.GotoAsync("/admin/packages");

        await admin.GetByTestId("package-upload").SetInputFilesAsync(
            Payload("credit-review.zip", PackageZips.ExampleEntries("credit-review/")));
        await Assertions.Expect(admin.GetByTestId("package-upload-name")).ToHaveTextAsync("credit-review.zip");
        await Assertions.Expect(admin.GetByTestId("package-changes")).ToContainTextAsync("credit-application");
        await Assertions.Expect(admin.GetByTestId("package-import")).ToBeEnabledAsync();
        await _session.ScreenshotAsync(admin, "19-admin-package-upload-preview");
        await admin.GetByTestId("package-import").ClickAsync();
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("example-credit-review");

        var store = _session.Get<IDefinitionStore>();
        Assert.That(await store.GetPackageAsync("example-credit-review", default), Is.Not.Null);
        Assert.That(await store.GetVersionAsync(DefinitionKinds.Flow, "credit-review", null, default), Is.Not.Null);
    }

    [Test]
    public async Task Broken_upload_names_entry()
    {
        var entries = PackageZips.ExampleEntries("broken/");
        var customer = Encoding.UTF8.GetString(entries["broken/forms/credit-log.json"]);
        entries["broken/forms/credit-log.json"] = Encoding.UTF8.GetBytes(
            customer.Replace("\"kind\": \"form\",", "\"kind\": \"form\",,", StringComparison.Ordinal));
        var admin = await _session.SignInAsync("admin");
        await admin.GotoAsync("/admin/packages");

        await admin.GetByTestId("package-upload").SetInputFilesAsync(Payload("broken.zip", entries));
        await Assertions.Expect(admin.GetByTestId("package-diagnostics")).ToContainTextAsync("broken/forms/credit-log.json");
        await Assertions.Expect(admin.GetByTestId("package-import")).ToBeDisabledAsync();
        await _session.ScreenshotAsync(admin, "19-admin-package-upload-broken");

        var unsafeEntries = PackageZips.ExampleEntries();
        unsafeEntries["../evil.json"] = "{}"u8.ToArray();
        await admin.GetByTestId("package-upload").SetInputFilesAsync(Payload("unsafe.zip", unsafeEntries));
        await Assertions.Expect(admin.GetByTestId("package-source-error")).ToContainTextAsync(
            "“unsafe.zip”中的条目“../evil.json”是绝对路径或用“..”跳出了压缩包");
        await Assertions.Expect(admin.GetByTestId("package-changes")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task Server_paths_get_one_reply()
    {
        var missing = "/no-such-folder-" + Guid.NewGuid().ToString("N")[..8];
        var admin = await _session.SignInAsync("admin");
        await admin.GotoAsync("/admin/packages");

        var etc = await ReplyAsync(admin, "/etc");
        var none = await ReplyAsync(admin, missing);
        var file = await ReplyAsync(admin, "/etc/hostname");
        await _session.ScreenshotAsync(admin, "19-admin-package-folder-refused");

        Assert.That(etc, Does.StartWith("服务器上没有本页可读取的模板包目录“/etc”。"));
        Assert.That(etc, Does.Contain("WorkflowKit:PackageFolders"));
        Assert.That(none.Replace(missing, "/etc", StringComparison.Ordinal), Is.EqualTo(etc));
        Assert.That(file.Replace("/etc/hostname", "/etc", StringComparison.Ordinal), Is.EqualTo(etc));
    }

    private static async Task<string> ReplyAsync(IPage page, string path)
    {
        var box = page.GetByLabel("或服务器上的模板包目录");
        await box.FillAsync(path);
        await box.PressAsync("Tab");
        await page.GetByTestId("package-preview").ClickAsync();
        var error = page.GetByTestId("package-source-error");
        await Assertions.Expect(error).ToContainTextAsync(path);
        return (await error.InnerTextAsync()).Trim();
    }

    private static FilePayload Payload(string name, Dictionary<string, byte[]> entries) => new()
    {
        Name = name,
        MimeType = "application/zip",
        Buffer = PackageZips.Zip(entries),
    };
}
