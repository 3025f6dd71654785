using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Organization;

namespace WorkflowKit.Designer.Tests.Admin;

/// <summary>
/// Users files loaded as sign-in accounts: new users sign in with the initial password, existing ones keep theirs,
/// and a file with a problem changes nothing.
/// </summary>
[TestFixture]
public sealed class AccountImportTests
{
    private const string Initial = "Welcome#2026";

    private DesignerAppFactory _app = default!;
    private AccountStore _accounts = default!;
    private AccountImport _import = default!;

    [SetUp]
    public void CreateApp()
    {
        _app = new DesignerAppFactory();
        _accounts = _app.Services.GetRequiredService<AccountStore>();
        _import = _app.Services.GetRequiredService<AccountImport>();
    }

    [TearDown]
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Test]
    public async Task New_users_sign_in_with_initial_password()
    {
        var file = OrganizationFile.Parse(
            """
            {
              "departments": [{ "id": "qa", "name": "质量部 QA", "parentId": "hq" }],
              "users": [{ "id": "qa1", "displayName": "周敏 Zhou Min", "department": "qa", "roles": ["warehouse"], "region": "east" }]
            }
            """,
            "staff.json");

        var result = await _import.ImportAsync(file, Initial, default);

        var user = await _accounts.VerifyPasswordAsync("qa1", Initial, default);
        Assert.That(result, Is.EqualTo(new AccountImportResult(1, 1, 0)));
        Assert.That(user!.DepartmentId, Is.EqualTo("qa"));
        Assert.That(user.Roles, Is.EqualTo(new[] { "warehouse" }));
        Assert.That(user.Attributes["region"], Is.EqualTo("east"));
        Assert.That((await _accounts.ListDepartmentsAsync(default)).Select(department => department.Id), Does.Contain("qa"));
    }

    [Test]
    public async Task Existing_user_keeps_password()
    {
        var file = OrganizationFile.Parse(
            """{ "users": [{ "id": "sales1", "displayName": "张伟 Zhang Wei", "department": "sales-north", "roles": ["sales", "credit-officer"] }] }""",
            "staff.json");

        var result = await _import.ImportAsync(file, "", default);

        var user = await _accounts.VerifyPasswordAsync("sales1", DemoAccounts.Password, default);
        Assert.That(result, Is.EqualTo(new AccountImportResult(0, 0, 1)));
        Assert.That(user!.DepartmentId, Is.EqualTo("sales-north"));
        Assert.That(user.Roles, Is.EqualTo(new[] { "sales", "credit-officer" }));
    }

    [Test]
    public async Task Unknown_department_changes_nothing()
    {
        var file = OrganizationFile.Parse(
            """
            {
              "departments": [{ "id": "qa", "name": "QA" }],
              "users": [
                { "id": "qa1", "displayName": "Zhou Min", "department": "qa" },
                { "id": "qa2", "displayName": "Sun Li", "department": "labs" }
              ]
            }
            """,
            "staff.json");

        var failure = Assert.ThrowsAsync<InvalidDataException>(() => _import.ImportAsync(file, Initial, default));

        Assert.That(failure!.Message, Does.Contain("$.users[1].department: no department 'labs'"));
        Assert.That(failure.Message, Does.StartWith("staff.json was not imported"));
        Assert.That(await _accounts.FindAsync("qa1", default), Is.Null);
        Assert.That((await _accounts.ListDepartmentsAsync(default)).Select(department => department.Id), Does.Not.Contain("qa"));
    }

    [Test]
    public async Task Short_initial_password_changes_nothing()
    {
        var file = OrganizationFile.Parse(
            """{ "users": [{ "id": "qa1", "displayName": "Zhou Min" }, { "id": "qa2", "displayName": "Sun Li" }] }""",
            "staff.json");

        var failure = Assert.ThrowsAsync<ArgumentException>(() => _import.ImportAsync(file, "short", default));

        Assert.That(failure!.Message, Does.Contain("adds 2 user(s), who need an initial password of at least 8 characters"));
        Assert.That(await _accounts.FindAsync("qa1", default), Is.Null);
    }
}
