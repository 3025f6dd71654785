using System.Text.Json.Nodes;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Designer.Files;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Forms;

namespace WorkflowKit.Designer.Tests.Components;

/// <summary>
/// File fields in the form designer's preview: a chosen file is checked against the draft's limits, which no published
/// version has yet, and is not stored.
/// </summary>
[TestFixture]
public sealed class FilePreviewTests
{
    private DesignerAppFactory _factory = null!;

    private BunitContext Context { get; set; } = null!;

    [SetUp]
    public void CreateContext()
    {
        _factory = new DesignerAppFactory();
        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddScoped(_ => new UiText { Culture = "en" });
        Context.Services.AddSingleton(new TenantTime(new WorkflowKit.Runtime.EngineOptions()));
        Context.Services.AddSingleton(new FormValidatorFactory(new FormValidationServices()));
        Context.Services.AddSingleton<IFormValidationService, FormsValidationService>();
        Context.Services.AddSingleton(_factory.Services.GetRequiredService<FileService>());
        Context.Render<MudPopoverProvider>();
    }

    [TearDown]
    public async Task DisposeContextAsync()
    {
        await Context.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Test]
    public void Preview_checks_draft_limits_and_stores_nothing()
    {
        var draft = FileDefinitions.Form();
        draft.Fields.Single(field => field.Id == "contract").MaxSize = 1024;
        var data = new JsonObject { ["customer"] = "协和医院" };
        var cut = Context.Render<FormRenderer>(parameters => parameters
            .Add(p => p.Form, draft)
            .Add(p => p.Data, data)
            .Add(p => p.Uploads, new FileUploadScope(Preview: true)));
        // The contract field is the form's first file field, so its input is the first one rendered.
        var contract = cut.FindComponents<InputFile>()[0];

        contract.UploadFiles(InputFileContent.CreateFromBinary(FileDefinitions.Pdf, "contract.pdf"));

        cut.WaitForAssertion(() => Assert.That(
            cut.Find("[data-file-field=contract] [data-testid=file-preview-result]").TextContent.Trim(),
            Is.EqualTo("Preview: contract.pdf meets this field's limits.")));
        Assert.That(cut.Find("[data-file-field=contract] [data-testid=file-preview-note]").TextContent.Trim(), Is.EqualTo(
            "Preview: files are checked against this draft's limits but not stored, so the field stays empty."));
        Assert.That(data["contract"], Is.Null);
        Assert.That(cut.FindAll("[data-file-field=contract] [data-testid=file-item]"), Is.Empty);

        contract.UploadFiles(InputFileContent.CreateFromBinary(new byte[2048], "big.pdf"));

        cut.WaitForAssertion(() => Assert.That(
            cut.Find("[data-file-field=contract] [data-testid=file-error]").TextContent.Trim(),
            Is.EqualTo("\"Contract\": file big.pdf is 2 KB, more than the limit of 1 KB; compress or split it and upload again")));
        Assert.That(cut.FindAll("[data-file-field=contract] [data-testid=file-preview-result]"), Is.Empty);
    }
}
