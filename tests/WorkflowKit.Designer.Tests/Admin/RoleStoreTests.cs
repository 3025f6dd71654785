using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Admin;

/// <summary>Custom roles and role membership on the app's SQLite database.</summary>
[TestFixture]
public sealed class RoleStoreTests
{
    [TestCase("QA")]
    [TestCase("9-lives")]
    [TestCase("a")]
    [TestCase("qa reviewer")]
    public async Task Invalid_key_is_rejected(string key)
    {
        await using var app = new DesignerAppFactory();
        var roles = app.Services.GetRequiredService<RoleStore>();

        var error = Assert.ThrowsAsync<InvalidInputException>(() => roles.CreateAsync(
            key, new LocalizedText("质量审核", "QA reviewer"), new LocalizedText(), "admin", default));

        Assert.That(error!.Message, Does.StartWith($"Role key '{key}' is invalid; use 2 to 40 lower-case letters"));
        Assert.That(await roles.ListAsync(default), Is.Empty);
    }

    [Test]
    public async Task Duplicate_key_is_rejected()
    {
        await using var app = new DesignerAppFactory();
        var roles = app.Services.GetRequiredService<RoleStore>();
        await roles.CreateAsync("qa-reviewer", new LocalizedText("质量审核", "QA reviewer"), new LocalizedText(), "admin", default);

        var error = Assert.ThrowsAsync<InvalidInputException>(() => roles.CreateAsync(
            "qa-reviewer", new LocalizedText("另一个", "Another"), new LocalizedText(), "admin", default));

        Assert.That(error!.Message, Does.StartWith("A role with key 'qa-reviewer' already exists"));
        Assert.That((await roles.ListAsync(default)).Single().Name.Get("en"), Is.EqualTo("QA reviewer"));
    }

    [Test]
    public async Task Missing_name_uses_other_language()
    {
        await using var app = new DesignerAppFactory();
        var roles = app.Services.GetRequiredService<RoleStore>();

        await roles.CreateAsync("qa-reviewer", new LocalizedText("质量审核", " "), new LocalizedText("审核", ""), "admin", default);

        var stored = (await roles.ListAsync(default)).Single();
        Assert.That(stored.Name.Get("en"), Is.EqualTo("质量审核"));
        Assert.That(stored.Description.Get("zh-CN"), Is.EqualTo("审核"));
        Assert.That(stored.CreatedBy, Is.EqualTo("admin"));
    }

    [Test]
    public async Task Set_role_adds_once_and_removes()
    {
        await using var app = new DesignerAppFactory();
        var accounts = app.Services.GetRequiredService<AccountStore>();

        var added = await accounts.SetRoleAsync("finance1", "qa-reviewer", member: true, default);
        var again = await accounts.SetRoleAsync("finance1", "qa-reviewer", member: true, default);
        var afterAdd = (await accounts.FindAsync("finance1", default))!.Roles;
        var removed = await accounts.SetRoleAsync("finance1", "qa-reviewer", member: false, default);
        var afterRemove = (await accounts.FindAsync("finance1", default))!.Roles;

        Assert.That(added, Is.True);
        Assert.That(again, Is.False);
        Assert.That(afterAdd, Is.EqualTo(new[] { RoleNames.Finance, "qa-reviewer" }));
        Assert.That(removed, Is.True);
        Assert.That(afterRemove, Is.EqualTo(new[] { RoleNames.Finance }));
        Assert.ThrowsAsync<InvalidInputException>(() => accounts.SetRoleAsync("nobody", "qa-reviewer", true, default));
    }

    [Test]
    public async Task Catalog_lists_flow_and_custom_roles()
    {
        await using var app = new DesignerAppFactory();
        var definitions = app.Services.GetRequiredService<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        var flow = OrderDefinitions.Flow();
        flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode).Assignees =
            [new AssigneeRule { Type = AssigneeTypes.Role, Value = "regional-director" }];
        var draft = await definitions.GetDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, default);
        await definitions.SaveDraftAsync(
            DefinitionKind.Flow, OrderDefinitions.FlowKey, DefinitionJson.Serialize(flow), draft?.Revision, "owner", default);
        await definitions.PublishAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, "owner", null, default);
        await app.Services.GetRequiredService<RoleStore>().CreateAsync(
            "qa-reviewer", new LocalizedText("质量审核", "QA reviewer"), new LocalizedText(), "admin", default);

        var roles = await app.Services.GetRequiredService<RoleCatalog>().ListAsync(default);

        Assert.That(roles.Select(role => role.Key).Take(3), Is.EqualTo(new[] { RoleNames.Admin, RoleNames.ProcessOwner, RoleNames.Sales }));
        var director = roles.Single(role => role.Key == "regional-director");
        Assert.That(director.Origin, Is.EqualTo(RoleOrigin.Flow));
        Assert.That(director.Flows.Select(name => name.Get("zh-CN")), Is.EqualTo(new[] { "订单审批" }));
        Assert.That(roles.Single(role => role.Key == "qa-reviewer").Origin, Is.EqualTo(RoleOrigin.Custom));
        Assert.That(roles.Single(role => role.Key == RoleNames.SalesManager).Flows, Is.Empty, "only the latest flow version counts");
        Assert.That(roles.Single(role => role.Key == RoleNames.SalesManager).Members.Select(user => user.Id),
            Is.EqualTo(new[] { "manager" }));
    }

    [Test]
    public async Task Unused_custom_role_is_deleted()
    {
        await using var app = new DesignerAppFactory();
        var roles = app.Services.GetRequiredService<RoleStore>();
        var catalog = app.Services.GetRequiredService<RoleCatalog>();
        await roles.CreateAsync("qa-reviewer", new LocalizedText("质量审核", "QA reviewer"), new LocalizedText(), "admin", default);

        await catalog.DeleteCustomAsync("qa-reviewer", default);

        Assert.That(await roles.ListAsync(default), Is.Empty);
        Assert.That((await catalog.ListAsync(default)).Select(role => role.Key), Does.Not.Contain("qa-reviewer"));
    }

    [Test]
    public async Task Custom_role_with_member_is_kept()
    {
        await using var app = new DesignerAppFactory();
        var roles = app.Services.GetRequiredService<RoleStore>();
        await roles.CreateAsync("qa-reviewer", new LocalizedText("质量审核", "QA reviewer"), new LocalizedText(), "admin", default);
        await app.Services.GetRequiredService<AccountStore>().SetRoleAsync("finance1", "qa-reviewer", member: true, default);

        var error = Assert.ThrowsAsync<InvalidInputException>(() =>
            app.Services.GetRequiredService<RoleCatalog>().DeleteCustomAsync("qa-reviewer", default));

        Assert.That(error!.Message, Does.StartWith("Role 'qa-reviewer' still has 1 member(s) (finance1); remove them first."));
        Assert.That((await roles.ListAsync(default)).Select(role => role.Key), Is.EqualTo(new[] { "qa-reviewer" }));
    }

    [Test]
    public async Task Custom_role_named_by_flow_is_kept()
    {
        await using var app = new DesignerAppFactory();
        var definitions = app.Services.GetRequiredService<IDefinitionService>();
        var roles = app.Services.GetRequiredService<RoleStore>();
        await roles.CreateAsync("qa-reviewer", new LocalizedText("质量审核", "QA reviewer"), new LocalizedText(), "admin", default);
        await OrderDefinitions.PublishAsync(definitions, "owner");
        var flow = OrderDefinitions.Flow();
        flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode).Assignees =
            [new AssigneeRule { Type = AssigneeTypes.Role, Value = "qa-reviewer" }];
        var draft = await definitions.GetDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, default);
        await definitions.SaveDraftAsync(
            DefinitionKind.Flow, OrderDefinitions.FlowKey, DefinitionJson.Serialize(flow), draft?.Revision, "owner", default);
        await definitions.PublishAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, "owner", null, default);

        var error = Assert.ThrowsAsync<InvalidInputException>(() =>
            app.Services.GetRequiredService<RoleCatalog>().DeleteCustomAsync("qa-reviewer", default));

        Assert.That(error!.Message, Does.StartWith("Role 'qa-reviewer' is used by the published flows"));
        Assert.That(await roles.ListAsync(default), Has.Count.EqualTo(1));
    }

    [Test]
    public void Built_in_role_is_not_deleted()
    {
        using var app = new DesignerAppFactory();

        var error = Assert.ThrowsAsync<InvalidInputException>(() =>
            app.Services.GetRequiredService<RoleCatalog>().DeleteCustomAsync(RoleNames.Finance, default));

        Assert.That(error!.Message, Does.Contain("was not created on the roles page"));
    }
}
