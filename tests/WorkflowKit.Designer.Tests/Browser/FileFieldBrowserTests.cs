using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// A salesperson starts a site visit report in Chromium by choosing the required contract file and drawing a
/// signature; the manager sees both on the task page.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FileFieldBrowserTests
{
    private BrowserSession _session = default!;
    private string _folder = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        await FileDefinitions.PublishAsync(_session.Get<IDefinitionService>(), "owner");
        _folder = Directory.CreateTempSubdirectory("wk-files-").FullName;
    }

    [TearDown]
    public Task CaptureAsync() => _session.CaptureFailureAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public async Task Start_with_chosen_attachment()
    {
        var page = await _session.SignInAsync("sales1");
        await page.GotoAsync($"/start/{FileDefinitions.FlowKey}");
        await page.Locator("[data-field=customer] input").FillAsync("协和医院");
        var contract = page.Locator("[data-field=contract]");
        await Assertions.Expect(contract.GetByTestId("file-limit")).ToHaveTextAsync("每个文件不超过 64 KB；允许 .pdf, .docx");
        await Assertions.Expect(contract.Locator("input[type=file]")).ToHaveAttributeAsync("accept", ".pdf,.docx");

        await contract.Locator("input[type=file]").SetInputFilesAsync(WriteFile("华东 合同.pdf", FileDefinitions.Pdf));
        await Assertions.Expect(contract.GetByTestId("file-link")).ToHaveTextAsync("华东 合同.pdf");
        await _session.ScreenshotAsync(page, "60-start-attachment");
        await page.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/instances/[0-9a-f]+$"));

        var instanceId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var stored = (await _session.Get<WorkflowEngine>().GetInstanceAsync(instanceId, CancellationToken.None))!
            .Instance.Form;
        var link = page.Locator("[data-field=contract]").GetByTestId("file-link");
        await Assertions.Expect(link).ToHaveTextAsync("华东 合同.pdf");
        Assert.That(stored["contract"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("华东 合同.pdf"));
        Assert.That(stored["contract"]![0]!["size"]!.GetValue<long>(), Is.EqualTo(FileDefinitions.Pdf.Length));
        Assert.That(await link.GetAttributeAsync("href"),
            Is.EqualTo($"/api/files/{stored["contract"]![0]!["id"]!.GetValue<string>()}"));
    }

    [Test]
    public async Task Drawn_signature_shows_on_task_page()
    {
        var page = await _session.SignInAsync("sales1");
        await page.GotoAsync($"/start/{FileDefinitions.FlowKey}");
        await page.Locator("[data-field=customer] input").FillAsync("仁济医院");
        await page.Locator("[data-field=contract] input[type=file]").SetInputFilesAsync(
            WriteFile("contract.pdf", FileDefinitions.Pdf));
        await Assertions.Expect(page.Locator("[data-field=contract]").GetByTestId("file-link")).ToHaveCountAsync(1);

        var pad = page.Locator("[data-field=sign]").GetByTestId("signature-pad");
        await Assertions.Expect(pad).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-field=sign]").GetByTestId("file-limit")).ToHaveCountAsync(0);
        var box = (await pad.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 20, box.Y + 100);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 80, box.Y + 30, new() { Steps = 8 });
        await page.Mouse.MoveAsync(box.X + 150, box.Y + 110, new() { Steps = 8 });
        await page.Mouse.UpAsync();
        var signature = page.Locator("[data-field=sign]").GetByTestId("file-thumbnail");
        await Assertions.Expect(signature).ToBeVisibleAsync();
        await page.GetByTestId("submit").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/instances/[0-9a-f]+$"));
        var instanceId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        var engine = _session.Get<WorkflowEngine>();
        var task = (await engine.QueryTasksAsync(
            new TaskQuery { InstanceId = instanceId, Assignee = "manager" }, CancellationToken.None)).Single();
        var manager = await _session.SignInAsync("manager");
        await manager.GotoAsync($"/tasks/{task.Id}");
        var shown = manager.Locator("[data-field=sign]").GetByTestId("file-thumbnail");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        await manager.WaitForFunctionAsync(
            "() => { const image = document.querySelector('[data-field=sign] img'); " +
            "return image && image.complete && image.naturalWidth === 400; }");
        await Assertions.Expect(manager.Locator("[data-field=sign]").GetByTestId("signature-pad")).ToHaveCountAsync(0);
        await _session.ScreenshotAsync(manager, "61-task-signature");

        var stored = (await engine.GetInstanceAsync(instanceId, CancellationToken.None))!.Instance.Form;
        Assert.That(stored["sign"]!["contentType"]!.GetValue<string>(), Is.EqualTo("image/png"));
        var fileId = stored["sign"]!["id"]!.GetValue<string>();
        await CheckPreviewAsync(manager, $"/tasks/{task.Id}", fileId);
        await CheckPreviewAsync(manager, $"/instances/{instanceId}", fileId);

        // Another region's salesperson may not read the submission: no preview, and the file's address stays unknown.
        var outsider = await _session.SignInAsync("sales2");
        await outsider.GotoAsync($"/instances/{instanceId}");
        await Assertions.Expect(outsider.GetByTestId("file-thumbnail")).ToHaveCountAsync(0);
        Assert.That(await outsider.ContentAsync(), Does.Not.Contain(fileId));
        var direct = await outsider.APIRequest.GetAsync($"/api/files/{fileId}/preview");
        Assert.That(direct.Status, Is.EqualTo(404));
    }

    /// <summary>
    /// Checks that a page shows the signature as a thumbnail that links to the full image, served inline as a PNG,
    /// and keeps the download link beside it.
    /// </summary>
    private static async Task CheckPreviewAsync(IPage page, string path, string fileId)
    {
        await page.GotoAsync(path);
        var field = page.Locator("[data-field=sign]");
        await Assertions.Expect(field.GetByTestId("file-thumbnail")).ToHaveAttributeAsync("src", $"/api/files/{fileId}/preview");
        await Assertions.Expect(field.GetByTestId("file-link")).ToHaveAttributeAsync("href", $"/api/files/{fileId}");
        await page.WaitForFunctionAsync(
            "() => { const image = document.querySelector('[data-field=sign] img'); " +
            "return image && image.complete && image.naturalWidth === 400; }");

        // The opened tab shows a sandboxed document, which Chromium may detach from the test's page handle, so the
        // tab is only checked for its address and the reply's headers are read through the page's own cookies.
        var opened = await page.Context.RunAndWaitForPageAsync(() => field.GetByTestId("file-preview-link").ClickAsync());
        await opened.WaitForURLAsync($"**/api/files/{fileId}/preview", new() { WaitUntil = WaitUntilState.Commit });
        await opened.CloseAsync();
        var response = await page.APIRequest.GetAsync($"/api/files/{fileId}/preview");
        Assert.That(response.Status, Is.EqualTo(200));
        Assert.That(response.Headers["content-type"], Is.EqualTo("image/png"));
        Assert.That(response.Headers["x-content-type-options"], Is.EqualTo("nosniff"));
    }

    private string WriteFile(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
