using System.Text.Json.Nodes;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Forms;

namespace WorkflowKit.Designer.Tests.Forms;

/// <summary>
/// A pick in one sub-table row re-renders the form. The lookup picker of another row, where the user is typing, keeps
/// the text that the browser last reported instead of being reset to its empty value.
/// </summary>
[TestFixture]
public sealed class SubTablePickTests
{
    private DesignerAppFactory _app = default!;

    private BunitContext Context { get; set; } = default!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        var customer = RecordSeed.Customer("C0801", "east");
        customer["name"] = "Ruijin Hospital";
        await RecordSeed.CreateAsync(_app, "customer", customer);
    }

    [OneTimeTearDown]
    public async Task StopAppAsync() => await _app.DisposeAsync();

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
        Context.Services.AddSingleton(_app.Services.GetRequiredService<LookupChoices>());
        Context.Render<MudPopoverProvider>();
    }

    [TearDown]
    public async Task DisposeContextAsync() => await Context.DisposeAsync();

    [Test]
    public async Task Pick_keeps_other_row_text()
    {
        var form = new FormDefinition
        {
            Key = "visits",
            Fields =
            [
                new FieldDefinition
                {
                    Id = "stops", Type = FieldTypes.SubTable, Label = new LocalizedText("Stops"),
                    Fields =
                    [
                        new FieldDefinition
                        {
                            Id = "customer", Type = FieldTypes.Text, Label = new LocalizedText("Customer"),
                            Lookup = new RecordLookup { Form = "customer", ValueField = "code" },
                        },
                    ],
                },
            ],
        };
        var data = new JsonObject { ["stops"] = new JsonArray(new JsonObject(), new JsonObject()) };
        var cut = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, form)
            .Add(p => p.Data, data)
            .Add(p => p.LookupUser, "sales1"));
        var pickers = cut.FindComponents<MudAutocomplete<string>>();

        cut.FindAll("[data-field=stops] tr[data-row='1'] input")[0].Input("Ruij");
        await cut.InvokeAsync(() => pickers[1].Instance.ValueChanged.InvokeAsync("C0801"));

        Assert.That(data["stops"]![1]!["customer"]!.GetValue<string>(), Is.EqualTo("C0801"));
        Assert.That(cut.Find("[data-field=stops] tr[data-row='1'] input").GetAttribute("value"), Is.EqualTo("Ruij"));
    }
}
