using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Forms;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// A bunit context set up for MudBlazor: loose JS interop, the Mud services, a popover
/// provider for selects, and the designer's UI text in English.
/// </summary>
public abstract class ComponentTestBase
{
    protected BunitContext Context { get; private set; } = default!;

    /// <summary>The popover provider, where the open list of a select renders its items.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = default!;

    [SetUp]
    public void CreateContext()
    {
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddScoped(_ => new UiText { Culture = "en" });
        Context.Services.AddSingleton(new TenantTime(new WorkflowKit.Runtime.EngineOptions()));
        Context.Services.AddSingleton(new FormValidatorFactory(new FormValidationServices()));
        Context.Services.AddSingleton<IFormValidationService, FormsValidationService>();
        Popovers = Context.Render<MudPopoverProvider>();
    }

    [TearDown]
    public async Task DisposeContextAsync()
    {
        Popovers.Dispose();
        await Context.DisposeAsync();
    }
}
