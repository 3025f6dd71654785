using System.Security.Claims;
using System.Text.Json.Nodes;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Admin;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Records;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Components;

/// <summary>
/// The package page, in bunit over the app's real services and a fresh SQLite file, after a process owner published
/// a newer version of a built-in flow. The preview names the owner and the time. The import keeps the owner's
/// version unless the admin ticks "replace".
/// </summary>
public sealed class PackageImportPageTests
{
    private const string FlowKey = "customer-credit-review";
    private static readonly string Biopharma = Path.Combine(DesignerAppFactory.RepositoryTemplates(), "biopharma");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private DesignerAppFactory _app = default!;

    private BunitContext Context { get; set; } = default!;

    private IDefinitionStore Store => _app.Services.GetRequiredService<IDefinitionStore>();

    [SetUp]
    public async Task CreateContextAsync()
    {
        _app = new DesignerAppFactory(
            settings: new Dictionary<string, string>
            {
                ["WorkflowKit:PackageFolders:0"] = DesignerAppFactory.RepositoryTemplates(),
            },
            clock: _clock);
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddScoped(_ => new UiText { Culture = "zh-CN" });
        foreach (var type in new[]
                 {
                     typeof(IDefinitionStore), typeof(RecordSetup), typeof(IOptions<DesignerOptions>),
                     typeof(IWebHostEnvironment), typeof(EngineOptions), typeof(PackageFolders), typeof(PackagePreviews),
                 })
        {
            Context.Services.AddSingleton(type, _app.Services.GetRequiredService(type));
        }

        var authorization = Context.AddAuthorization();
        authorization.SetAuthorized("admin");
        authorization.SetRoles(RoleNames.Admin);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "admin"));
        Context.Render<MudPopoverProvider>();

        await _app.Services.GetRequiredService<RecordSetup>().ImportPackageAsync(Biopharma, "admin", default);
        _clock.Advance(TimeSpan.FromMinutes(34));
        var latest = await Store.GetVersionAsync(DefinitionKinds.Flow, FlowKey, null, default);
        var json = JsonNode.Parse(latest!.Json)!.AsObject();
        json["description"] = "Finance review added by the process owner";
        var draft = await Store.GetDraftAsync(DefinitionKinds.Flow, FlowKey, default);
        await Store.SaveDraftAsync(DefinitionKinds.Flow, FlowKey, json.ToJsonString(), draft?.Revision, "owner", default);
        await Store.PublishAsync(DefinitionKinds.Flow, FlowKey, "owner", default);
    }

    [TearDown]
    public async Task DisposeContextAsync()
    {
        await Context.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Preview_names_owner_and_import_keeps()
    {
        var page = Context.Render<PackageImport>();
        page.FindAll("input:not([type=file])").Last().Change(Biopharma);
        page.Find("[data-testid=package-preview]").Click();
        page.WaitForState(() => page.FindAll("[data-testid=package-conflict]").Count > 0, TimeSpan.FromSeconds(30));

        Assert.That(page.FindAll("[data-testid=package-conflict]"), Has.Count.EqualTo(1));
        Assert.That(page.Find("[data-testid=package-conflict-text]").TextContent.Trim(), Is.EqualTo(
            "版本 2 由 owner 于 2026-12-05 17:34 发布，比模板包的基础版本新。 模板包上次发布的是版本 1。"));

        await page.Find("[data-testid=package-import]").ClickAsync(new MouseEventArgs());

        var latest = await Store.GetVersionAsync(DefinitionKinds.Flow, FlowKey, null, default);
        Assert.That((latest!.Version, latest.PublishedBy), Is.EqualTo((2, "owner")));
        Assert.That((await Store.GetPackageAsync("biopharma", default))!.ImportedAt, Is.EqualTo(_clock.GetUtcNow()));
    }

    [Test]
    public async Task Ticked_replace_publishes_package_version()
    {
        var page = Context.Render<PackageImport>();
        page.FindAll("input:not([type=file])").Last().Change(Biopharma);
        page.Find("[data-testid=package-preview]").Click();
        page.WaitForState(() => page.FindAll("[data-testid=package-replace]").Count > 0, TimeSpan.FromSeconds(30));

        // The test id may sit on the checkbox input or on its wrapper, so the test accepts both.
        var box = page.Find("[data-testid=package-replace]");
        var input = box.TagName == "INPUT" ? box : box.QuerySelector("input")!;
        input.Change(true);
        await page.Find("[data-testid=package-import]").ClickAsync(new MouseEventArgs());

        var history = await Store.GetHistoryAsync(DefinitionKinds.Flow, FlowKey, default);
        Assert.That(history, Has.Count.EqualTo(3));
        Assert.That((history[^1].PublishedBy, history[^1].PackageKey), Is.EqualTo(("admin", "biopharma")));
        page.WaitForState(() => page.FindAll("[data-testid=package-conflict]").Count == 0);
    }
}
