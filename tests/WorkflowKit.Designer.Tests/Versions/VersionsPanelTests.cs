using Bunit;
using MudBlazor;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Designer.Versions;

namespace WorkflowKit.Designer.Tests.Versions;

[TestFixture]
public sealed class VersionsPanelTests : ComponentTestBase
{
    private static readonly DateTimeOffset Published = new(2025, 5, 6, 1, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<DefinitionVersionInfo> History =
    [
        new(1, "owner", Published, null, "hash-a"),
        new(2, "owner", Published, "Adds a field", "hash-b"),
        new(3, "owner", Published, "Restores version 1.", "hash-a"),
    ];

    private readonly List<int> _loaded = [];

    [SetUp]
    public void ClearLoaded() => _loaded.Clear();

    [Test]
    public void Load_without_edits_loads_at_once()
    {
        var (panel, _) = Render(dirty: false);

        panel.FindAll("[data-testid=load-version]")[0].Click();

        Assert.That(_loaded, Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void Load_with_edits_asks_and_cancel_keeps()
    {
        var (panel, dialogs) = Render(dirty: true);

        panel.FindAll("[data-testid=load-version]")[0].Click();
        var message = dialogs.WaitForElement(".mud-message-box");
        Assert.That(message.TextContent, Does.Contain("Loading version 1 replaces them"));
        dialogs.FindAll("button").Single(button => button.TextContent.Contains("Keep my changes")).Click();

        Assert.That(_loaded, Is.Empty);
    }

    [Test]
    public void Load_with_edits_loads_after_confirm()
    {
        var (panel, dialogs) = Render(dirty: true);

        panel.FindAll("[data-testid=load-version]")[1].Click();
        dialogs.WaitForElement(".mud-message-box");
        dialogs.FindAll("button").Single(button => button.TextContent.Contains("Load version 2")).Click();

        Assert.That(_loaded, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void Restoring_version_is_marked()
    {
        var (panel, _) = Render(dirty: false);

        var marks = panel.FindAll("[data-testid=restores]");

        Assert.That(marks, Has.Count.EqualTo(1));
        Assert.That(marks[0].TextContent.Trim(), Is.EqualTo("restores v1"));
    }

    [Test]
    public void Compare_preselects_two_latest_versions()
    {
        var (panel, _) = Render(dirty: false);

        var link = panel.Find("[data-testid=compare-go]");

        Assert.That(link.GetAttribute("href"), Is.EqualTo("/design/flows/order/diff?from=2&to=3"));
    }

    private (IRenderedComponent<VersionsPanel> Panel, IRenderedComponent<MudDialogProvider> Dialogs) Render(bool dirty)
    {
        var dialogs = Context.Render<MudDialogProvider>();
        var panel = Context.Render<VersionsPanel>(parameters => parameters
            .Add(p => p.History, History)
            .Add(p => p.DiffPath, "/design/flows/order/diff")
            .Add(p => p.IsDirty, () => dirty)
            .Add(p => p.Load, (int version) => _loaded.Add(version)));
        return (panel, dialogs);
    }
}
