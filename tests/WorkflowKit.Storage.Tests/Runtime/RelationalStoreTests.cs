using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Import;
using WorkflowKit.Organization;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Organization;
using WorkflowKit.Storage.PostgreSql.Records;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Organization;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// The organisation and import-mapping stores that both providers share: what one provider returns, the other
/// returns too, in the same order.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class RelationalStoreTests(StorageProvider provider)
{
    private TestDatabase? _database;
    private IOrganizationStore _organization = null!;
    private IImportMappingStore _mappings = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(8)));
        (_organization, _mappings) = _database.Database switch
        {
            SqliteDatabase sqlite => ((IOrganizationStore)new SqliteOrganizationStore(sqlite),
                (IImportMappingStore)new SqliteImportMappingStore(sqlite, clock)),
            PostgresDatabase postgres => (new PostgresOrganizationStore(postgres),
                new PostgresImportMappingStore(postgres, clock)),
            _ => throw new InvalidOperationException($"No stores for {_database.Database.GetType().Name}."),
        };
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task Users_list_in_ordinal_order()
    {
        foreach (var id in new[] { "b-user", "Z-user", "a-user", "张三" })
        {
            await _organization.SaveUserAsync(User(id, "sales"), default);
        }

        var users = await _organization.ListUsersAsync(default);

        Assert.That(users.Select(user => user.Id), Is.EqualTo(new[] { "Z-user", "a-user", "b-user", "张三" }));
    }

    [Test]
    public async Task User_keeps_roles_and_attributes()
    {
        await _organization.SaveDepartmentAsync(new OrgDepartment("east", "East", null, null), default);
        await _organization.SaveUserAsync(
            new OrgUser("li", "Li Na", "east", ["sales", "credit", "sales"], new Dictionary<string, string> { ["region"] = "east" }),
            default);
        await _organization.SaveUserAsync(User("wang", "warehouse"), default);

        var found = await _organization.FindUserAsync("li", default);
        var inRole = await _organization.GetUsersInRoleAsync("credit", default);
        var members = await _organization.GetDepartmentMembersAsync("east", default);

        Assert.That(found!.Roles, Is.EqualTo(new[] { "credit", "sales" }));
        Assert.That(found.Attributes["region"], Is.EqualTo("east"));
        Assert.That(inRole.Select(user => user.Id), Is.EqualTo(new[] { "li" }));
        Assert.That(members.Select(user => user.Id), Is.EqualTo(new[] { "li" }));
    }

    [Test]
    public async Task Users_and_departments_found_by_name()
    {
        var none = new Dictionary<string, string>();
        await _organization.SaveUserAsync(new OrgUser("sales-south-3", "李伟", null, ["sales"], none), default);
        await _organization.SaveUserAsync(new OrgUser("sales-north-2", "李伟", null, ["sales"], none), default);
        await _organization.SaveUserAsync(new OrgUser("sales-east-1", "何明", null, ["sales"], none), default);
        await _organization.SaveUserAsync(new OrgUser("lin", "Lin Tao", null, ["sales"], none), default);
        await _organization.SaveDepartmentAsync(new OrgDepartment("buy-south", "采购部", null, null), default);
        await _organization.SaveDepartmentAsync(new OrgDepartment("buy-north", "采购部", null, null), default);

        var shared = await _organization.FindUsersByNameAsync("李伟", default);
        var single = await _organization.FindUsersByNameAsync("何明", default);
        var otherCase = await _organization.FindUsersByNameAsync("lin tao", default);
        var departments = await _organization.FindDepartmentsByNameAsync("采购部", default);

        Assert.That(shared.Select(user => user.Id), Is.EqualTo(new[] { "sales-north-2", "sales-south-3" }));
        Assert.That(single.Select(user => user.Id), Is.EqualTo(new[] { "sales-east-1" }));
        Assert.That(single[0].Roles, Is.EqualTo(new[] { "sales" }));
        Assert.That(otherCase, Is.Empty, "names compare by ordinal");
        Assert.That(departments.Select(department => department.Id), Is.EqualTo(new[] { "buy-north", "buy-south" }));
    }

    [Test]
    public async Task Roles_and_departments_list_in_ordinal_order()
    {
        foreach (var key in new[] { "sales", "Credit", "audit" })
        {
            var role = new RoleDefinition { Key = key };
            role.Name.Values["zh-CN"] = key + "角色";
            await _organization.SaveRoleAsync(role, default);
            await _organization.SaveDepartmentAsync(new OrgDepartment(key, key, null, null), default);
        }

        var roles = await _organization.ListRolesAsync(default);
        var departments = await _organization.ListDepartmentsAsync(default);

        Assert.That(roles.Select(role => role.Key), Is.EqualTo(new[] { "Credit", "audit", "sales" }));
        Assert.That(roles[0].Name.Values["zh-CN"], Is.EqualTo("Credit角色"));
        Assert.That(departments.Select(department => department.Id), Is.EqualTo(new[] { "Credit", "audit", "sales" }));
    }

    [Test]
    public async Task Mappings_save_find_and_list()
    {
        var mapping = new ImportMapping { Columns = [new ImportColumnMapping("Customer code", "code")] };
        foreach (var name in new[] { "monthly", "Daily", "季度" })
        {
            await _mappings.SaveAsync("customer", name, mapping, "admin", default);
        }

        var names = await _mappings.ListNamesAsync("customer", default);
        var found = await _mappings.FindAsync("customer", "Daily", default);

        Assert.That(names, Is.EqualTo(new[] { "Daily", "monthly", "季度" }));
        Assert.That(found!.Columns.Single().Field, Is.EqualTo("code"));
        Assert.That(await _mappings.FindAsync("customer", "weekly", default), Is.Null);
    }

    private static OrgUser User(string id, string role) =>
        new(id, id, null, [role], new Dictionary<string, string>());
}
