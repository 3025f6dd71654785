using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// Base of bunit page tests on the designer's real services and engine. Each test gets a fresh app, a service scope,
/// and a bunit context with MudBlazor's services that falls back to the scope's services.
/// The progress diagram is stubbed, because its library measures the canvas through JavaScript, which bunit does not
/// run.
/// </summary>
public abstract class EnginePageTests
{
    protected DesignerAppFactory App { get; private set; } = default!;

    protected IServiceScope Scope { get; private set; } = default!;

    protected BunitContext Context { get; private set; } = default!;

    /// <summary>The popover provider, rendered in the setup when <see cref="RendersPopovers"/> is true.</summary>
    protected IRenderedComponent<MudPopoverProvider>? Popovers { get; private set; }

    /// <summary>The dialog provider, rendered with the popover provider.</summary>
    protected IRenderedComponent<MudDialogProvider>? Dialogs { get; private set; }

    /// <summary>The app's clock; null keeps the system clock.</summary>
    protected virtual TimeProvider? Clock => null;

    /// <summary>The page language; null keeps the app's own.</summary>
    protected virtual string? Culture => null;

    /// <summary>
    /// Whether the setup renders MudBlazor's popover and dialog providers, which menus, selects and the dialogs that
    /// confirm reject, return and withdraw need. Rendering them fixes the
    /// context's services, so tests that register services in their own body leave it off.
    /// </summary>
    protected virtual bool RendersPopovers => false;

    protected T Get<T>()
        where T : notnull => Scope.ServiceProvider.GetRequiredService<T>();

    [SetUp]
    public async Task CreateContextAsync()
    {
        App = new DesignerAppFactory(clock: Clock);
        Scope = App.Services.CreateScope();
        await PublishAsync(Get<IDefinitionService>());

        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        if (Culture is { } culture)
        {
            Context.Services.AddScoped(_ => new UiText { Culture = culture });
        }

        AddServices(Context.Services);
        Context.Services.AddFallbackServiceProvider(Scope.ServiceProvider);
        Context.ComponentFactories.AddStub<ProgressDiagram>();
        Popovers = RendersPopovers ? Context.Render<MudPopoverProvider>() : null;
        Dialogs = RendersPopovers ? Context.Render<MudDialogProvider>() : null;
    }

    [TearDown]
    public async Task DisposeContextAsync()
    {
        Dialogs?.Dispose();
        Popovers?.Dispose();
        await Context.DisposeAsync();
        Scope.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>
    /// Waits for the handler of a click that opened one of MudBlazor's dialogs. The page's handler awaits the dialog's
    /// result, so the click's task ends only after the dialog closes: a test starts the click, confirms or cancels the
    /// dialog, and then calls this. The timeout turns a dialog that never closes into a failure instead of a hang.
    /// </summary>
    protected static Task FinishClickAsync(Task click) => click.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Publishes the definitions the tests need, before the bunit context is built.</summary>
    protected virtual Task PublishAsync(IDefinitionService definitions) => Task.CompletedTask;

    /// <summary>Registers services that replace the app's in the bunit context.</summary>
    protected virtual void AddServices(IServiceCollection services)
    {
    }

    /// <summary>Publishes a copy of the test order flow under <paramref name="key"/>, changed by <paramref name="change"/>.</summary>
    protected static async Task PublishFlowVariantAsync(
        IDefinitionService definitions, string key, Action<FlowDefinition> change)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(change);
        var flow = OrderDefinitions.Flow();
        flow.Key = key;
        change(flow);
        await definitions.SaveDraftAsync(DefinitionKind.Flow, key, DefinitionJson.Serialize(flow), null, "owner", default);
        var published = await definitions.PublishAsync(DefinitionKind.Flow, key, "owner", null, default);
        Assert.That(published.Published, Is.True, string.Join("; ", published.Diagnostics.Select(d => d.Message)));
    }
}
