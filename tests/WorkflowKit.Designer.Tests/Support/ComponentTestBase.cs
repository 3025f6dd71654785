using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Services.Interim;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// A bunit context set up for MudBlazor: loose JS interop, the Mud services, a popover
/// provider for selects, and the designer's UI text in English.
/// </summary>
public abstract class ComponentTestBase
{
    protected BunitContext Context { get; private set; } = default!;

    [SetUp]
    public void CreateContext()
    {
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddScoped(_ => new UiText { Culture = "en" });
        Context.Services.AddSingleton<IFormValidationService, FluentFormValidationService>();
        Context.Render<MudPopoverProvider>();
    }

    [TearDown]
    public async Task DisposeContextAsync() => await Context.DisposeAsync();
}
