using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The roles page in Chromium: an administrator creates a role, gives it to a user, and a flow that assigns its
/// approval to that role puts the next task into that user's inbox.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RolesBrowserTests
{
    private const string Role = "qa-reviewer";

    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        await OrderDefinitions.PublishAsync(_session.Get<IDefinitionService>(), "owner");
    }

    [TearDown]
    public Task CaptureAsync() => _session.CaptureFailureAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    [Test]
    public async Task Assigned_role_brings_task_to_inbox()
    {
        var admin = await _session.SignInAsync("admin");
        await admin.GotoAsync("/admin/roles");
        await Expect(Row(admin, RoleNames.ProcessOwner).GetByText("流程负责人")).ToBeVisibleAsync();
        await Expect(Row(admin, RoleNames.SalesManager).Locator("xpath=..")).ToContainTextAsync("王芳 Wang Fang");

        await admin.GetByTestId("role-key").Locator(InputSelector).FillAsync(Role);
        await admin.GetByTestId("role-name-zh").Locator(InputSelector).FillAsync("质量审核");
        await admin.GetByTestId("role-name-en").Locator(InputSelector).FillAsync("QA reviewer");
        await admin.GetByTestId("role-description-zh").Locator(InputSelector).FillAsync("审核冷链产品的订单");
        await admin.GetByTestId("role-description-en").Locator(InputSelector).FillAsync("Reviews cold-chain orders");
        await admin.GetByTestId("role-description-en").Locator(InputSelector).PressAsync("Tab");
        await admin.GetByTestId("create-role").ClickAsync();
        var row = Row(admin, Role).Locator("xpath=..");
        await Expect(row).ToContainTextAsync("质量审核");
        await Expect(row).ToContainTextAsync("审核冷链产品的订单");

        await ChooseAsync(admin, row.GetByTestId("add-member-user"), "刘洋 Liu Yang");
        await row.GetByTestId("add-member").ClickAsync();
        await Expect(row.Locator("[data-testid=role-member][data-user=finance1]")).ToBeVisibleAsync();
        await _session.ScreenshotAsync(admin, "50-roles-member-added");

        var finance = await _session.Get<AccountStore>().FindAsync("finance1", default);
        Assert.That(finance!.Roles, Does.Contain(Role), "membership is stored on the account");

        await PublishFlowAssignedToRoleAsync();
        var started = await _session.Get<IWorkService>().StartAsync(
            OrderDefinitions.FlowKey,
            new JsonObject { ["customer"] = "瑞金医院", ["region"] = "east", ["total"] = 800 },
            Staff("sales1", RoleNames.Sales),
            default);

        var inbox = await _session.SignInAsync("finance1");
        await Expect(inbox.GetByTestId("inbox").GetByText("瑞金医院")).ToBeVisibleAsync();
        await _session.ScreenshotAsync(inbox, "51-inbox-task-of-new-role");
        var work = _session.Get<IWorkService>();
        var financeTasks = await work.GetInboxAsync(Staff("finance1", RoleNames.Finance, Role), default);
        var managerTasks = await work.GetInboxAsync(Staff("manager", RoleNames.SalesManager), default);
        Assert.That(financeTasks.Where(task => task.InstanceId == started.Id).ToList(), Has.Count.EqualTo(1));
        Assert.That(managerTasks.Where(task => task.InstanceId == started.Id).ToList(), Is.Empty);
    }

    [Test]
    public async Task Removed_member_leaves_role()
    {
        var admin = await _session.SignInAsync("admin");
        await admin.GotoAsync("/admin/roles");
        var row = Row(admin, RoleNames.Warehouse).Locator("xpath=..");
        var member = row.GetByTestId("role-member").First;
        var userId = await member.GetAttributeAsync("data-user");

        await member.Locator(".mud-chip-close-button").ClickAsync();

        await Expect(row.Locator($"[data-testid=role-member][data-user={userId}]")).ToHaveCountAsync(0);
        var user = await _session.Get<AccountStore>().FindAsync(userId!, default);
        Assert.That(user!.Roles, Does.Not.Contain(RoleNames.Warehouse));
    }

    [Test]
    public async Task Unused_role_deleted_from_page()
    {
        var roles = _session.Get<RoleStore>();
        await roles.CreateAsync("cold-chain-lead", new("冷链负责人", "Cold-chain lead"), new(), "admin", default);
        await roles.CreateAsync("audit-lead", new("审计负责人", "Audit lead"), new(), "admin", default);
        await _session.Get<AccountStore>().SetRoleAsync("finance1", "audit-lead", member: true, default);
        var admin = await _session.SignInAsync("admin");
        await admin.GotoAsync("/admin/roles");

        await Row(admin, "audit-lead").Locator("xpath=..").GetByTestId("delete-role").ClickAsync();
        await Expect(admin.Locator(".mud-snackbar")).ToContainTextAsync("finance1");
        await Row(admin, "cold-chain-lead").Locator("xpath=..").GetByTestId("delete-role").ClickAsync();

        await Expect(Row(admin, "cold-chain-lead")).ToHaveCountAsync(0);
        await Expect(Row(admin, "audit-lead")).ToHaveCountAsync(1);
        await Expect(Row(admin, RoleNames.Finance).Locator("xpath=..").GetByTestId("delete-role")).ToHaveCountAsync(0);
        var stored = (await roles.ListAsync(default)).Select(role => role.Key).ToList();
        Assert.That(stored, Does.Contain("audit-lead"));
        Assert.That(stored, Does.Not.Contain("cold-chain-lead"));
    }

    [Test]
    public async Task Roles_page_in_english()
    {
        var admin = await _session.SignInAsync("admin");
        await admin.Locator("#language-switch").ClickAsync();
        await Expect(admin.Locator(".mud-nav-link").First).ToHaveTextAsync("Inbox");

        await admin.GotoAsync("/admin/roles");

        await Expect(Row(admin, RoleNames.ProcessOwner).GetByText("Process owner")).ToBeVisibleAsync();
        await Expect(admin.GetByTestId("roles")).ToContainTextAsync("Built-in");
        await Expect(admin.GetByTestId("roles")).ToContainTextAsync("Rows per page:");
        await _session.ScreenshotAsync(admin, "52-roles-en");
        await admin.Locator("#language-switch").ClickAsync();
        await Expect(admin.Locator(".mud-nav-link").First).ToHaveTextAsync("待办");
    }

    private static UserContext Staff(string id, params string[] roles) =>
        new(id, id, null, roles, new Dictionary<string, string> { ["region"] = "east" }, "zh-CN");

    // MudBlazor puts extra attributes on the input itself or on its wrapper, depending on the component.
    private const string InputSelector = "xpath=descendant-or-self::input";

    private static ILocator Row(IPage page, string role) =>
        page.Locator($"[data-testid=role-row][data-role='{role}']");

    private static async Task ChooseAsync(IPage page, ILocator select, string itemText)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(itemText, new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private async Task PublishFlowAssignedToRoleAsync()
    {
        var definitions = _session.Get<IDefinitionService>();
        var flow = OrderDefinitions.Flow();
        flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode).Assignees =
            [new AssigneeRule { Type = AssigneeTypes.Role, Value = Role }];
        var draft = await definitions.GetDraftAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, default);
        await definitions.SaveDraftAsync(
            DefinitionKind.Flow, OrderDefinitions.FlowKey, DefinitionJson.Serialize(flow), draft?.Revision, "owner",
            default);
        var result = await definitions.PublishAsync(DefinitionKind.Flow, OrderDefinitions.FlowKey, "owner", null, default);
        Assert.That(result.Published, Is.True, string.Join("; ", result.Diagnostics.Select(d => d.Message)));
    }
}
