using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The start and task pages run the form's rules the way the engine runs them there. A credit review's form is the
/// customer form, whose code and name are unique: the reviewer approves data that repeats the reviewed customer's
/// code, which the engine accepts and the page must accept too.
/// </summary>
[TestFixture]
public sealed class PageCheckOptionsTests
{
    private DesignerAppFactory _app = default!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        await RecordSeed.CreateAsync(_app, "customer", RecordSeed.Customer("C0001", "east"));
        await RecordSeed.CreateAsync(_app, "customer", RecordSeed.Customer("C0002", "east"));
    }

    [OneTimeTearDown]
    public async Task StopAppAsync() => await _app.DisposeAsync();

    [Test]
    public async Task Full_check_reports_used_code()
    {
        var errors = await ValidateAsync(Review("C0001"), FormCheckOptions.Full);

        Assert.That(Fields(errors), Does.Contain("code"));
    }

    [Test]
    public async Task Task_baseline_passes_existing_problem()
    {
        var review = Review("C0001");

        var errors = await ValidateAsync(review, await BaselineAsync((JsonObject)review.DeepClone()));

        Assert.That(Fields(errors), Does.Not.Contain("code"));
    }

    [Test]
    public async Task Task_change_to_used_code_is_reported()
    {
        var errors = await ValidateAsync(Review("C0002"), await BaselineAsync(Review("C0001")));

        Assert.That(Fields(errors), Does.Contain("code"));
    }

    [Test]
    public async Task Start_without_record_skips_uniqueness()
    {
        var errors = await ValidateAsync(Review("C0001"), new FormCheckOptions(ChecksUniqueness: false));

        Assert.That(Fields(errors), Does.Not.Contain("code"));
    }

    [Test]
    public async Task Baseline_keeps_other_new_problems()
    {
        var changed = Review("C0001");
        changed["code"] = "X1";

        var errors = await ValidateAsync(changed, await BaselineAsync(Review("C0001")));

        Assert.That(errors.Single(error => error.Field == "code").Message, Does.Contain("C0001"));
    }

    private async Task<FormCheckOptions> BaselineAsync(JsonObject baseline) =>
        await _app.Services.GetRequiredService<IFormValidationService>()
            .WithBaselineAsync(await CustomerFormAsync(), baseline, FormCheckOptions.Full, default);

    private static List<string> Fields(IReadOnlyList<FieldError> errors) => [.. errors.Select(error => error.Field)];

    private async Task<IReadOnlyList<FieldError>> ValidateAsync(JsonObject data, FormCheckOptions options) =>
        await _app.Services.GetRequiredService<IFormValidationService>()
            .ValidateAsync(await CustomerFormAsync(), data, "en", options, default);

    private async Task<FormDefinition> CustomerFormAsync()
    {
        var definitions = _app.Services.GetRequiredService<IDefinitionService>();
        var history = await definitions.GetHistoryAsync(DefinitionKind.Form, "customer", default);
        var json = await definitions.GetVersionJsonAsync(
            DefinitionKind.Form, "customer", history.Max(version => version.Version), default);
        return DefinitionJson.Deserialize<FormDefinition>(json!);
    }

    /// <summary>The customer record's own data, as a credit review's form carries it.</summary>
    private static JsonObject Review(string code) => RecordSeed.Customer(code, "east");
}
