using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WorkflowKit.Designer.Components;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Components;

[TestFixture]
public sealed class PublishDialogTests : ComponentTestBase
{
    [Test]
    public async Task Confirm_returns_typed_comment()
    {
        var provider = Context.Render<MudDialogProvider>();
        var pending = Ask(provider);

        var title = provider.WaitForElement("[data-testid=publish-dialog-title]");
        Assert.That(title.TextContent, Is.EqualTo("Publish Order approval"));
        Assert.That(provider.Find("[data-testid=publish-dialog]").TextContent,
            Does.Contain("New submissions use the new version."));
        provider.Find("textarea[data-testid=publish-comment]").Input("Adds the delivery note");
        provider.Find("[data-testid=publish-confirm]").Click();

        Assert.That(await pending, Is.EqualTo("Adds the delivery note"));
    }

    [Test]
    public async Task Confirm_without_comment_returns_empty()
    {
        var provider = Context.Render<MudDialogProvider>();
        var pending = Ask(provider);

        provider.WaitForElement("[data-testid=publish-confirm]").Click();

        Assert.That(await pending, Is.Empty);
    }

    [Test]
    public async Task Cancel_returns_null()
    {
        var provider = Context.Render<MudDialogProvider>();
        var pending = Ask(provider);

        provider.WaitForElement("textarea[data-testid=publish-comment]").Input("Not yet");
        provider.Find("[data-testid=publish-cancel]").Click();

        Assert.That(await pending, Is.Null);
    }

    private Task<string?> Ask(IRenderedComponent<MudDialogProvider> provider)
    {
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        var text = Context.Services.GetRequiredService<UiText>();
        return provider.InvokeAsync(() => PublishDialog.AskAsync(
            dialogs, text, "Order approval", "New submissions use the new version."));
    }
}
