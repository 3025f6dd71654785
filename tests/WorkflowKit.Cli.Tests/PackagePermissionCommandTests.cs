using System.Text.Json.Nodes;
using WorkflowKit.Organization;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Organization;

namespace WorkflowKit.Cli.Tests;

public sealed class PackagePermissionCommandTests
{
    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    [SetUp]
    public void CreateFolder() => _folder = TestPaths.NewTempFolder();

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Import_stores_package_permission_rules()
    {
        var run = await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);

        var rules = new SqlitePermissionRuleStore(new SqliteDatabase(Db));
        var application = await rules.GetRulesAsync("credit-application", CancellationToken.None);
        var customer = await rules.GetRulesAsync("customer", CancellationToken.None);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(application.Select(rule => rule.Role), Is.EqualTo(new[] { "sales", "credit-officer" }));
        Assert.That(customer.Select(rule => rule.Role), Is.EqualTo(new[] { "finance" }));
        Assert.That(run.OutputLines, Does.Contain("stored 2 permission rule(s) of form credit-application"));
        Assert.That(run.OutputLines[^1], Is.EqualTo(
            "Imported package example-credit-review: 6 published, 0 unchanged, permission rules stored for 2 form(s), " +
            "4 role(s) stored."));
    }

    [Test]
    public async Task Imported_rules_let_the_role_export()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        await new SqliteOrganizationStore(new SqliteDatabase(Db)).SaveUserAsync(
            new OrgUser("wang", "Wang", null, ["credit-officer"], new Dictionary<string, string>()),
            CancellationToken.None);
        var target = Path.Combine(_folder, "applications.csv");

        var run = await CliRun.RunAsync(
            "records", "export", "credit-application", "--db", Db, "--as", "wang", "--out", target);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(run.Error, Does.Not.Contain("may not export"));
        Assert.That(File.Exists(target), Is.True);
    }

    [Test]
    public async Task Second_import_keeps_changed_rules()
    {
        await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);
        var rules = new SqlitePermissionRuleStore(new SqliteDatabase(Db));
        await rules.SaveRulesAsync(
            "customer",
            [new() { Role = "auditor", Form = "customer", Actions = ["read"] }],
            CancellationToken.None);

        var run = await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);

        var customer = await rules.GetRulesAsync("customer", CancellationToken.None);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(customer.Select(rule => rule.Role), Is.EqualTo(new[] { "auditor" }));
        Assert.That(run.OutputLines[^1], Does.EndWith("permission rules stored for 0 form(s), 0 role(s) stored."));
    }

    [Test]
    public async Task Rejected_rule_publishes_nothing()
    {
        var package = CopyPackage();
        var manifestPath = Path.Combine(package, "package.json");
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!.AsObject();
        var customerRule = manifest["permissions"]!.AsArray()
            .Single(rule => rule!["form"]!.GetValue<string>() == "customer")!;
        customerRule["rows"] = new JsonObject { ["javaScript"] = "record.region === 'east'" };
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());

        var import = await CliRun.RunAsync("import", package, "--db", Db);
        var list = await CliRun.RunAsync("list", "--db", Db);

        var rules = new SqlitePermissionRuleStore(new SqliteDatabase(Db));
        Assert.That(import.ExitCode, Is.Not.EqualTo(0));
        Assert.That(import.Error, Does.Contain("filters rows with JavaScript"));
        Assert.That(list.OutputLines[^1], Is.EqualTo("0 definition(s)."));
        Assert.That(await rules.GetRulesAsync("credit-application", CancellationToken.None), Is.Empty);
    }

    private string CopyPackage()
    {
        var target = Path.Combine(_folder, "package");
        foreach (var file in Directory.EnumerateFiles(TestPaths.ExamplePackage, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(TestPaths.ExamplePackage, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }
}
