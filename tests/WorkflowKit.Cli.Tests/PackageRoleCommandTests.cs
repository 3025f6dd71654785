using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Organization;

namespace WorkflowKit.Cli.Tests;

/// <summary>
/// <c>import PACKAGE</c> stores the roles that the package declares in the same transaction as its definitions, so
/// that an admin who imports a template and then its users gets no undefined roles.
/// </summary>
public sealed class PackageRoleCommandTests
{
    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    private static string Biopharma => Path.Combine(TestPaths.RepositoryRoot, "definitions", "templates", "biopharma");

    private static string SampleUsers => Path.Combine(TestPaths.RepositoryRoot, "samples", "data", "users.json");

    [SetUp]
    public void CreateFolder() => _folder = TestPaths.NewTempFolder();

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Import_stores_package_roles()
    {
        var run = await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);

        var roles = await new SqliteOrganizationStore(new SqliteDatabase(Db)).ListRolesAsync(CancellationToken.None);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(roles.Select(role => role.Key), Is.EquivalentTo(new[] { "sales", "credit-officer", "finance", "risk" }));
        Assert.That(roles.Single(role => role.Key == "credit-officer").Name.Get("en"), Is.EqualTo("Credit officer"));
        Assert.That(run.OutputLines, Does.Contain("stored role credit-officer"));
    }

    [Test]
    public async Task Import_keeps_existing_role_name()
    {
        var migrated = await CliRun.RunAsync("list", "--db", Db);
        var store = new SqliteOrganizationStore(new SqliteDatabase(Db));
        await store.SaveRoleAsync(
            new RoleDefinition { Key = "sales", Name = new LocalizedText("销售代表", "Sales rep") },
            CancellationToken.None);

        var run = await CliRun.RunAsync("import", TestPaths.ExamplePackage, "--db", Db);

        var roles = await store.ListRolesAsync(CancellationToken.None);
        Assert.That(migrated.ExitCode, Is.EqualTo(0), migrated.Error);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        Assert.That(roles.Single(role => role.Key == "sales").Name.Get("en"), Is.EqualTo("Sales rep"));
        Assert.That(roles, Has.Count.EqualTo(4));
        Assert.That(run.OutputLines, Does.Contain("kept role sales, which the database already has"));
        Assert.That(run.OutputLines[^1], Does.EndWith("3 role(s) stored."));
    }

    [Test]
    public async Task Org_import_after_import_needs_no_package()
    {
        await CliRun.RunAsync("import", Biopharma, "--db", Db);

        var org = await CliRun.RunAsync("org", "import", SampleUsers, "--db", Db);

        Assert.That(org.ExitCode, Is.EqualTo(0), org.Error);
        Assert.That(org.Error, Is.Empty, "no role that users.json assigns is undefined");
    }

    [Test]
    public async Task Duplicate_role_writes_nothing()
    {
        var package = CopyPackage();
        var manifest = await ReadManifestAsync(package);
        manifest["roles"]!.AsArray().Add(new JsonObject
        {
            ["key"] = "sales",
            ["name"] = new JsonObject { ["zh-CN"] = "销售二", ["en"] = "Sales again" },
        });
        await WriteManifestAsync(package, manifest);

        var import = await CliRun.RunAsync("import", package, "--db", Db);
        var list = await CliRun.RunAsync("list", "--db", Db);

        var roles = await new SqliteOrganizationStore(new SqliteDatabase(Db)).ListRolesAsync(CancellationToken.None);
        Assert.That(import.ExitCode, Is.EqualTo(1));
        Assert.That(import.Output, Does.Contain("Role \"sales\" is defined twice."));
        Assert.That(list.OutputLines[^1], Is.EqualTo("0 definition(s)."));
        Assert.That(roles, Is.Empty);
    }

    /// <summary>
    /// A permission rule is rejected in the import's transaction after the roles were written through it, so the
    /// roles must be rolled back with everything else.
    /// </summary>
    [Test]
    public async Task Rejected_rule_stores_no_role()
    {
        var package = CopyPackage();
        var manifest = await ReadManifestAsync(package);
        var customerRule = manifest["permissions"]!.AsArray()
            .Single(rule => rule!["form"]!.GetValue<string>() == "customer")!;
        customerRule["rows"] = new JsonObject { ["javaScript"] = "record.region === 'east'" };
        await WriteManifestAsync(package, manifest);

        var import = await CliRun.RunAsync("import", package, "--db", Db);

        var roles = await new SqliteOrganizationStore(new SqliteDatabase(Db)).ListRolesAsync(CancellationToken.None);
        Assert.That(import.ExitCode, Is.Not.EqualTo(0));
        Assert.That(import.Error, Does.Contain("filters rows with JavaScript"));
        Assert.That(roles, Is.Empty);
    }

    private static async Task<JsonObject> ReadManifestAsync(string package) =>
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(package, "package.json")))!.AsObject();

    private static Task WriteManifestAsync(string package, JsonObject manifest) =>
        File.WriteAllTextAsync(Path.Combine(package, "package.json"), manifest.ToJsonString());

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
