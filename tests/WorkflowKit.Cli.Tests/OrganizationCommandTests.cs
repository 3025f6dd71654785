using WorkflowKit.Organization;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Organization;

namespace WorkflowKit.Cli.Tests;

/// <summary>
/// <c>org import</c> loads departments, users and roles from a users.json file, so that a record import on a fresh
/// database finds the members it names, and the record import's hint names the command when they are missing.
/// </summary>
public sealed class OrganizationCommandTests
{
    private string _folder = string.Empty;

    private string Db => Path.Combine(_folder, "wk.db");

    private static string Biopharma => Path.Combine(TestPaths.RepositoryRoot, "definitions", "templates", "biopharma");

    private static string SampleUsers => Path.Combine(TestPaths.RepositoryRoot, "samples", "data", "users.json");

    private static string SampleCustomers =>
        Path.Combine(TestPaths.RepositoryRoot, "samples", "data", "customers.csv");

    [SetUp]
    public void CreateFolder() => _folder = TestPaths.NewTempFolder();

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task Record_import_hint_names_org_import()
    {
        await CliRun.RunAsync("import", Biopharma, "--db", Db);

        var run = await CliRun.RunAsync("records", "import", "customer", SampleCustomers, "--db", Db);

        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(lines[0], Does.Contain("member \"sales-east-1\" does not exist"));
        Assert.That(lines[0], Does.EndWith(
            "change it to the id of a user, department or record that this database has, or add that one to the " +
            "database first, then import the file again."));
        Assert.That(lines[^1], Is.EqualTo(
            "hint: 60 error(s) name users that this database does not have, such as \"sales-east-1\" in " +
            "customers.csv row 2. Add the users with \"workflowkit org import FILE --db DB\", where FILE lists " +
            "departments, users and their roles like samples/data/users.json, then import this file again."));
    }

    [Test]
    public async Task Record_import_without_package_names_import()
    {
        var run = await CliRun.RunAsync("records", "import", "customer", SampleCustomers, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Trim(), Is.EqualTo(
            "error: Form 'customer' is not in this database. Publish the template package that declares it with " +
            "\"workflowkit import PACKAGE --db DB\", such as \"workflowkit import definitions/templates/biopharma " +
            "--db DB\" for the forms of the sample data, then run this command again."));
    }

    [Test]
    public async Task Record_import_of_folder_is_usage_error()
    {
        var run = await CliRun.RunAsync("records", "import", "customer", _folder, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith(
            $"error: \"{_folder}\" is a folder. Pass the .csv or .xlsx file to import."));
    }

    [Test]
    public async Task Org_import_lets_records_import()
    {
        await CliRun.RunAsync("import", Biopharma, "--db", Db);

        var org = await CliRun.RunAsync("org", "import", SampleUsers, "--package", Biopharma, "--db", Db);
        var records = await CliRun.RunAsync("records", "import", "customer", SampleCustomers, "--db", Db);

        Assert.That(org.ExitCode, Is.EqualTo(0), org.Error);
        Assert.That(org.Error, Is.Empty);
        Assert.That(org.OutputLines, Is.EqualTo(new[]
        {
            "Imported 14 department(s), 25 user(s) and 8 role(s) from users.json into the organisation directory.",
        }));
        Assert.That(records.ExitCode, Is.EqualTo(0), records.Error);
        Assert.That(records.OutputLines[^1], Is.EqualTo("Imported 60 of 60 rows into 'customer' (0 rejected)."));

        var store = new SqliteOrganizationStore(new SqliteDatabase(Db));
        var user = await store.FindUserAsync("sales-east-1", CancellationToken.None);
        Assert.That(user?.DepartmentId, Is.EqualTo("sales-east"));
        Assert.That(user?.Roles, Is.EqualTo(new[] { "sales" }));
        Assert.That(user?.GetAttribute("region"), Is.EqualTo("east"));
        var department = (await store.ListDepartmentsAsync(CancellationToken.None))
            .Single(item => item.Id == "sales-east");
        Assert.That(department, Is.EqualTo(new OrgDepartment("sales-east", "华东销售部", "hq", "salesmgr-east")));
        var roles = await store.ListRolesAsync(CancellationToken.None);
        Assert.That(roles.Select(role => role.Key), Does.Contain("credit-officer"));
    }

    [Test]
    public async Task Undefined_role_imports_nothing()
    {
        var file = await WriteAsync("""
            {
              "roles": [
                { "key": "qa", "name": { "zh-CN": "质量", "en": "Quality" } },
                { "key": "sales", "name": { "zh-CN": "销售", "en": "Sales" } }
              ],
              "departments": [{ "id": "qa-dept", "name": "质量部" }],
              "users": [
                { "id": "qa-1", "displayName": "周婷", "department": "qa-dept", "roles": ["qa", "auditor"] },
                { "id": "qa-2", "displayName": "王磊", "department": "qa-dept", "roles": ["salez"] }
              ]
            }
            """);

        var run = await CliRun.RunAsync("org", "import", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Is.EqualTo(new[]
            {
                "error: org.json has 2 problem(s), so nothing was imported. Correct them and import it again:",
                "org.json: $.users[0].roles[1]: role \"auditor\" is not defined in the file or the database. The " +
                "defined roles are qa, sales. Use one of them, or add the role under \"roles\"",
                "org.json: $.users[1].roles[0]: role \"salez\" is not defined in the file or the database; did you " +
                "mean \"sales\"? The defined roles are qa, sales. Use one of them, or add the role under \"roles\"",
            }));
        Assert.That(File.Exists(Db), Is.False);
    }

    [Test]
    public async Task Role_of_database_or_package_is_defined()
    {
        var imported = await CliRun.RunAsync("import", Biopharma, "--db", Db);
        Assert.That(imported.ExitCode, Is.EqualTo(0), imported.Error);
        var file = await WriteAsync("""
            { "users": [{ "id": "s-1", "displayName": "李雷", "roles": ["sales"] }] }
            """);
        var emptyDb = Path.Combine(_folder, "empty.db");

        var fromDatabase = await CliRun.RunAsync("org", "import", file, "--db", Db);
        var fromPackage = await CliRun.RunAsync("org", "import", file, "--db", emptyDb, "--package", Biopharma);
        var withoutRoles = await CliRun.RunAsync("org", "import", file, "--db", Path.Combine(_folder, "none.db"));

        Assert.That(fromDatabase.ExitCode, Is.EqualTo(0), fromDatabase.Error);
        Assert.That(fromPackage.ExitCode, Is.EqualTo(0), fromPackage.Error);
        Assert.That(withoutRoles.ExitCode, Is.EqualTo(1));
        Assert.That(withoutRoles.Error, Does.Contain(
            "org.json: $.users[0].roles[0]: role \"sales\" is not defined, and neither the file nor the database " +
            "defines any role; import the template package that declares the roles first (workflowkit import " +
            "PACKAGE --db DB), pass it with --package, or add the role under \"roles\""));
    }

    [Test]
    public async Task Invalid_file_imports_nothing()
    {
        await CliRun.RunAsync("list", "--db", Db);
        var file = await WriteAsync("""
            {
              "departments": [{ "id": "east", "name": "华东", "managerId": "nobody" }],
              "users": [
                { "id": "a", "displayName": "甲", "department": "east" },
                { "id": "b", "department": "west", "dept": "east" },
                { "id": "a", "displayName": "乙", "roles": "sales" },
                { "id": "c", "displayName": "丙", "department": "west" }
              ]
            }
            """);

        var run = await CliRun.RunAsync("org", "import", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Is.EqualTo(new[]
            {
                "error: org.json has 7 problem(s), so nothing was imported. Correct them and import it again:",
                "org.json: $.users[1].dept: unknown property; expected id, displayName, department, roles, region, " +
                "attributes",
                "org.json: $.users[1].displayName: missing; expected non-empty text",
                "org.json: $.users[2].roles: expected a list of role keys",
                "org.json: $.users[2].id: id \"a\" is also at $.users[0]; keep one entry",
                "org.json: $.departments[0].managerId: user \"nobody\" is neither in the file nor in the database; " +
                "add them to \"users\" or remove managerId",
                "org.json: $.users[1].department: department \"west\" is neither in the file nor in the database; " +
                "add it to \"departments\"",
                "org.json: $.users[3].department: department \"west\" is neither in the file nor in the database; " +
                "add it to \"departments\"",
            }));
        Assert.That(await UserCountAsync(), Is.Zero);
    }

    [Test]
    public async Task Misnamed_properties_are_checked_in_one_run()
    {
        await CliRun.RunAsync("list", "--db", Db);
        var file = await WriteAsync("""
            {
              "roles": [{ "key": "buyer", "name": "采购" }],
              "departments": [
                { "id": "hq", "name": "总部" },
                { "id": "loop-a", "name": "A", "parent": "loop-b" },
                { "id": "loop-b", "name": "B", "parent": "loop-a" }
              ],
              "users": [
                { "id": "new-buyer", "name": "新采购", "department": "purchasing-x", "roles": ["purchase"] }
              ]
            }
            """);

        var run = await CliRun.RunAsync("org", "import", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Is.EqualTo(new[]
            {
                "error: org.json has 7 problem(s), so nothing was imported. Correct them and import it again:",
                "org.json: $.departments[1].parent: unknown property; expected id, name, parentId, managerId; did " +
                "you mean \"parentId\"?",
                "org.json: $.departments[2].parent: unknown property; expected id, name, parentId, managerId; did " +
                "you mean \"parentId\"?",
                "org.json: $.users[0].name: unknown property; expected id, displayName, department, roles, region, " +
                "attributes; did you mean \"displayName\"?",
                "org.json: $.users[0].displayName: missing; expected non-empty text",
                "org.json: $.departments[1].parentId: departments \"loop-a\", \"loop-b\" form a cycle through " +
                "parentId (\"loop-a\" -> \"loop-b\" -> \"loop-a\"), so each is its own ancestor; change or remove " +
                "the parentId of one of them",
                "org.json: $.users[0].department: department \"purchasing-x\" is neither in the file nor in the " +
                "database; add it to \"departments\"",
                "org.json: $.users[0].roles[0]: role \"purchase\" is not defined in the file or the database. The " +
                "defined roles are buyer. Use one of them, or add the role under \"roles\"",
            }));
        Assert.That(await UserCountAsync(), Is.Zero);
    }

    [Test]
    public async Task Missing_reference_imports_nothing()
    {
        await CliRun.RunAsync("list", "--db", Db);
        var file = await WriteAsync("""
            {
              "departments": [{ "id": "east", "name": "华东", "managerId": "nobody" }],
              "users": [{ "id": "a", "displayName": "甲", "department": "west" }]
            }
            """);

        var run = await CliRun.RunAsync("org", "import", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain(
            "org.json: $.departments[0].managerId: user \"nobody\" is neither in the file nor in the database; add " +
            "them to \"users\" or remove managerId"));
        Assert.That(run.Error, Does.Contain(
            "org.json: $.users[0].department: department \"west\" is neither in the file nor in the database; add it " +
            "to \"departments\""));
        Assert.That(await UserCountAsync(), Is.Zero);
    }

    [Test]
    public async Task Missing_file_is_usage_error()
    {
        var run = await CliRun.RunAsync("org", "import", Path.Combine(_folder, "none.json"), "--db", Db);

        var missing = Path.Combine(_folder, "none.json");
        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith(
            $"error: File \"{missing}\" does not exist. Pass a JSON organisation file such as " +
            "samples/data/users.json."));
    }

    [Test]
    public async Task Invalid_file_creates_no_database()
    {
        var file = await WriteAsync("""
            { "users": [{ "id": "a", "displayName": "甲", "department": "west" }] }
            """);

        var run = await CliRun.RunAsync("org", "import", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain("nothing was imported"));
        Assert.That(File.Exists(Db), Is.False);
    }

    [Test]
    public async Task Invalid_file_keeps_existing_database()
    {
        await CliRun.RunAsync("list", "--db", Db);
        var file = await WriteAsync("""
            { "users": [{ "id": "a", "displayName": "甲", "department": "west" }] }
            """);

        var run = await CliRun.RunAsync("org", "import", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(File.Exists(Db), Is.True);
        Assert.That(await UserCountAsync(), Is.Zero);
    }

    [Test]
    public async Task Unparsable_file_creates_no_database()
    {
        var file = await WriteAsync("{ \"users\": [ }");

        var run = await CliRun.RunAsync("org", "import", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(File.Exists(Db), Is.False);
    }

    [Test]
    public async Task Folder_as_file_is_usage_error()
    {
        var run = await CliRun.RunAsync("org", "import", _folder, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith(
            $"error: \"{_folder}\" is a folder, but org import expects a JSON organisation file such as " +
            "samples/data/users.json. Pass the file's path."));
        Assert.That(File.Exists(Db), Is.False);
    }

    [Test]
    public async Task File_as_package_is_usage_error()
    {
        var run = await CliRun.RunAsync("org", "import", SampleUsers, "--package", SampleUsers, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith(
            $"error: --package \"{SampleUsers}\" is a file, but --package expects a template package folder (or " +
            "its package.json) such as definitions/templates/biopharma. Pass the organisation file as the FILE " +
            "argument instead."));
    }

    [Test]
    public async Task Malformed_package_manifest_is_described()
    {
        var package = Path.Combine(_folder, "package");
        Directory.CreateDirectory(package);
        await File.WriteAllTextAsync(
            Path.Combine(package, "package.json"), "{\n  \"kind\": \"package\",\n  \"roles\": [\n    {\"key\": \"sales\"}\n}");

        var run = await CliRun.RunAsync("org", "import", SampleUsers, "--package", package, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.StartWith(
            $"error: --package: \"{Path.Combine(package, "package.json")}\" is not valid JSON at line 5, column 1 " +
            "(JSON path $.roles): '}' does not close the list that starts at line 3, column 12. Close it with ']', " +
            $"or check the brackets before it. Check the package with \"workflowkit validate {package}\"."));
    }

    [Test]
    public async Task Malformed_organisation_file_is_described()
    {
        var file = await WriteAsync("{\n  \"users\": [\n    {\"id\": \"u1\", \"displayName\": \"李明\" \"department\": \"d1\"}\n  ]\n}");

        var run = await CliRun.RunAsync("org", "import", file, "--db", Db);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(run.Error, Does.Contain(
            "org.json is not valid JSON at line 3, column 38 (JSON path $.users[0]): a comma is missing before '\"'. " +
            "Add a comma between the two values or properties. Then import the file again."));
    }

    private async Task<string> WriteAsync(string json)
    {
        var file = Path.Combine(_folder, "org.json");
        await File.WriteAllTextAsync(file, json);
        return file;
    }

    private async Task<int> UserCountAsync()
    {
        var store = new SqliteOrganizationStore(new SqliteDatabase(Db));
        return (await store.ListUsersAsync(CancellationToken.None)).Count;
    }
}
