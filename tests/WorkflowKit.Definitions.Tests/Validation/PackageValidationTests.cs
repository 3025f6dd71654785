using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>Package-level mistakes, made by changing a copy of the example package.</summary>
public sealed class PackageValidationTests
{
    private string _folder = string.Empty;

    [SetUp]
    public void CopyPackage()
    {
        // The package sits one level down, so that a test may write files next to it without touching others.
        _folder = Path.Combine(Path.GetTempPath(), "wk-pkg-" + Guid.NewGuid().ToString("N"), "package");
        foreach (var file in Directory.EnumerateFiles(TestPaths.ExamplePackage, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(_folder, Path.GetRelativePath(TestPaths.ExamplePackage, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    [TearDown]
    public void DeletePackage() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    [Test]
    public async Task Listed_file_missing()
    {
        File.Delete(Path.Combine(_folder, "views", "open-applications.json"));

        await AssertReportsAsync("package.json", DiagnosticCodes.PackageFileMissing, "/views/0");
    }

    [TestCase("views", "../outside.json")]
    [TestCase("views", "views/../../outside.json")]
    [TestCase("forms", "/etc/passwd")]
    public async Task Listed_file_outside_folder(string list, string listed)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "..", "outside.json"), "{}");
        await EditManifestAsync(manifest => manifest[list] = new JsonArray(listed));

        var report = await DefinitionValidator.ValidatePackageAsync(_folder, CancellationToken.None);
        var diagnostic = report.Diagnostics.Single(item => item.Pointer == $"/{list}/0");

        // The package schema keeps every listed path inside the folder, which an uploaded package relies on.
        Assert.That(diagnostic.Code, Is.EqualTo(DiagnosticCodes.ConstraintViolated));
        Assert.That(report.HasErrors, Is.True);
        Assert.That(report.Documents, Is.Empty);
    }

    [Test]
    public async Task Listed_file_of_other_kind()
    {
        await EditManifestAsync(manifest => manifest["views"] = new JsonArray("forms/customer.json"));

        await AssertReportsAsync("package.json", DiagnosticCodes.PackageKindMismatch, "/views/0");
    }

    [Test]
    public async Task Permission_names_unknown_role()
    {
        await EditManifestAsync(manifest => manifest["permissions"]![1]!["role"] = "auditor");

        await AssertReportsAsync("package.json", DiagnosticCodes.UnknownRole, "/permissions/1/role");
    }

    [Test]
    public async Task Permission_names_unknown_form()
    {
        await EditManifestAsync(manifest => manifest["permissions"]![2]!["form"] = "supplier");

        await AssertReportsAsync("package.json", DiagnosticCodes.UnknownForm, "/permissions/2/form");
    }

    [Test]
    public async Task Permission_hides_unknown_field()
    {
        await EditManifestAsync(manifest => manifest["permissions"]![0]!["hiddenFields"] = new JsonArray("margin"));

        await AssertReportsAsync("package.json", DiagnosticCodes.UnknownField, "/permissions/0/hiddenFields/0");
    }

    [Test]
    public async Task Sample_data_file_missing()
    {
        File.Delete(Path.Combine(_folder, "data", "customers.csv"));

        await AssertReportsAsync("package.json", DiagnosticCodes.PackageFileMissing, "/sampleData/0/file");
    }

    [Test]
    public async Task Assignee_role_not_in_package()
    {
        var path = Path.Combine(_folder, "flows", "credit-review.json");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace(
            "\"value\": \"risk\"", "\"value\": \"auditors\"", StringComparison.Ordinal));

        await AssertReportsAsync(
            Path.Combine("flows", "credit-review.json"), DiagnosticCodes.UnknownRole, "/nodes/7/assignees/0/value");
    }

    [Test]
    public async Task Starter_role_not_in_package()
    {
        await EditFlowAsync(flow => flow["starters"] = new JsonArray(
            new JsonObject { ["type"] = "role", ["value"] = "risk" },
            new JsonObject { ["type"] = "role", ["value"] = "no-such-role" }));

        var report = await DefinitionValidator.ValidatePackageAsync(_folder, CancellationToken.None);

        var unknown = report.Diagnostics.Where(diagnostic => diagnostic.Code == DiagnosticCodes.UnknownRole).ToList();
        Assert.That(unknown, Has.Count.EqualTo(1), string.Join(Environment.NewLine, report.Diagnostics));
        Assert.That(unknown[0].Pointer, Is.EqualTo("/starters/1/value"));
        Assert.That(unknown[0].IsError, Is.True);
        Assert.That(unknown[0].Message, Does.StartWith(
            "Role \"no-such-role\" is not defined in the package. Add it to the manifest's \"roles\" or use one of: "));
        Assert.That(unknown[0].Message, Does.Contain("credit-officer"));
    }

    [Test]
    public async Task Recipient_role_not_in_package()
    {
        var path = Path.Combine(_folder, "flows", "credit-review.json");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace(
            "\"value\": \"credit-officer\"", "\"value\": \"credit-oficer\"", StringComparison.Ordinal));

        await AssertReportsAsync(
            Path.Combine("flows", "credit-review.json"), DiagnosticCodes.UnknownRole, "/nodes/16/recipients/0/value");
    }

    [Test]
    public async Task Two_forms_with_one_key()
    {
        var path = Path.Combine(_folder, "forms", "credit-log.json");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace(
            "\"key\": \"credit-log\"", "\"key\": \"customer\"", StringComparison.Ordinal));

        await AssertReportsAsync(Path.Combine("forms", "credit-log.json"), DiagnosticCodes.DuplicateDocumentKey,
            "/key");
    }

    [Test]
    public async Task Flow_without_its_form_gets_a_warning_only()
    {
        var flow = Path.Combine(_folder, "flows", "credit-followup.json");

        var report = await DefinitionValidator.ValidatePathsAsync([flow], CancellationToken.None);

        Assert.That(report.HasErrors, Is.False);
        Assert.That(
            report.Diagnostics.Select(diagnostic => (diagnostic.Code, diagnostic.Pointer, diagnostic.Severity)),
            Is.EqualTo(new[] { (DiagnosticCodes.ReferencedDocumentMissing, "/form", DiagnosticSeverity.Warning) }));
    }

    /// <summary>
    /// A form that fails to load is reported once, in its own file. The package's permissions, flows and other
    /// forms that name it are not reported again as naming a form that is missing from the package.
    /// </summary>
    [Test]
    public async Task Unreadable_form_reported_once()
    {
        var path = Path.Combine(_folder, "forms", "customer.json");
        var form = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        form["fields"]![0]!["required"] = "yes";
        await File.WriteAllTextAsync(path, form.ToJsonString());

        var report = await DefinitionValidator.ValidatePackageAsync(_folder, CancellationToken.None);
        var loose = await DefinitionValidator.ValidatePathsAsync(
            [path, Path.Combine(_folder, "forms", "credit-application.json")], CancellationToken.None);

        Assert.That(report.HasErrors, Is.True);
        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.File).Distinct(), Is.EqualTo(new[] { path }),
            string.Join(Environment.NewLine, report.Diagnostics));
        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.Pointer), Has.All.StartWith("/fields/0"));
        Assert.That(loose.Diagnostics.Select(diagnostic => diagnostic.File).Distinct(), Is.EqualTo(new[] { path }),
            string.Join(Environment.NewLine, loose.Diagnostics));
    }

    private async Task EditManifestAsync(Action<JsonNode> edit)
    {
        var path = Path.Combine(_folder, "package.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        edit(manifest);
        await File.WriteAllTextAsync(path, manifest.ToJsonString());
    }

    private async Task EditFlowAsync(Action<JsonObject> edit)
    {
        var path = Path.Combine(_folder, "flows", "credit-review.json");
        var flow = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        edit(flow);
        await File.WriteAllTextAsync(path, flow.ToJsonString());
    }

    private async Task AssertReportsAsync(string file, string code, string pointer)
    {
        var report = await DefinitionValidator.ValidatePackageAsync(_folder, CancellationToken.None);

        Assert.That(
            report.Diagnostics.Select(diagnostic => (diagnostic.File, diagnostic.Code, diagnostic.Pointer)),
            Does.Contain((Path.Combine(_folder, file), code, pointer)),
            string.Join(Environment.NewLine, report.Diagnostics));
    }
}
