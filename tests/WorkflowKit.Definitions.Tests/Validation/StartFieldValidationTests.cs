using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>
/// A process owner adds a required field to the order form of the biopharma template. The order flow's start node
/// lists its editable fields, so the new field is read-only there and every order start would be rejected. The
/// validator reports this before anything is published.
/// </summary>
public sealed class StartFieldValidationTests
{
    private static readonly string Template = Path.Combine(TestPaths.RepositoryRoot, "definitions", "templates", "biopharma");

    private string _folder = string.Empty;

    [SetUp]
    public void CopyTemplate()
    {
        _folder = Path.Combine(Path.GetTempPath(), "wk-start-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(Template, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(_folder, Path.GetRelativePath(Template, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    [TearDown]
    public void DeleteTemplate() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Template_has_no_locked_required_field()
    {
        var report = await DefinitionValidator.ValidatePackageAsync(_folder, CancellationToken.None);

        Assert.That(Locked(report), Is.Empty);
    }

    [Test]
    public async Task Required_field_readonly_at_start_is_error()
    {
        await AddOrderFieldAsync(new JsonObject
        {
            ["id"] = "customerPo", ["type"] = "text", ["label"] = "Customer PO", ["required"] = true,
        });

        var report = await DefinitionValidator.ValidatePackageAsync(_folder, CancellationToken.None);

        var locked = Locked(report);
        Assert.That(locked, Has.Count.EqualTo(1), string.Join(Environment.NewLine, locked));
        Assert.That(locked[0].File, Does.EndWith("order-to-shipment.flow.json"));
        Assert.That(locked[0].Pointer, Does.EndWith("/fieldPermissions/customerPo"));
        Assert.That(locked[0].IsError, Is.True);
        Assert.That(locked[0].Message, Does.StartWith("Required field \"customerPo\" is readonly at the start node"));
    }

    [TestCase("default", "\"PO-NONE\"")]
    [TestCase("required", "false")]
    public async Task Default_or_optional_field_is_fine(string property, string value)
    {
        var field = new JsonObject
        {
            ["id"] = "customerPo", ["type"] = "text", ["label"] = "Customer PO", ["required"] = true,
        };
        field[property] = JsonNode.Parse(value);
        await AddOrderFieldAsync(field);

        var report = await DefinitionValidator.ValidatePackageAsync(_folder, CancellationToken.None);

        Assert.That(Locked(report), Is.Empty);
    }

    private static List<Diagnostic> Locked(ValidationReport report) =>
        [.. report.Diagnostics.Where(diagnostic => diagnostic.Code == DiagnosticCodes.RequiredFieldLockedAtStart)];

    private async Task AddOrderFieldAsync(JsonObject field)
    {
        var path = Path.Combine(_folder, "forms", "order.form.json");
        var form = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        form["fields"]!.AsArray().Add(field);
        await File.WriteAllTextAsync(path, form.ToJsonString());
    }
}
