using System.Globalization;
using Bunit;
using MudBlazor;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Delegations;
using WorkflowKit.Designer.Tests.Admin;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime.Delegations;

namespace WorkflowKit.Designer.Tests.Delegations;

/// <summary>
/// The delegation panel in bunit on the designer's real services: a user creates a delegation and ends it, and a
/// rejected one shows its reason in the page language.
/// </summary>
public sealed class DelegationPanelTests : EnginePageTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    protected override bool RendersPopovers => true;

    protected override string? Culture => NUnit.Framework.TestContext.CurrentContext.Test.Name.Contains("Chinese", StringComparison.Ordinal) ? "zh-CN" : "en";

    [Test]
    public async Task User_creates_and_ends_delegation()
    {
        var page = await RenderForAsync("manager");

        await ChooseDelegateAsync(page, "credit1");
        TestIds.Input(page, "delegation-start").Change(Local(-1));
        TestIds.Input(page, "delegation-end").Change(Local(24));
        TestIds.Input(page, "delegation-note").Change("出差");
        await page.Find("[data-testid=delegation-create]").ClickAsync(new());

        var stored = await Get<DelegationService>().ListForUserAsync("manager", default);
        page.WaitForAssertion(() =>
            Assert.That(page.Find("[data-testid=delegation-saved]").TextContent, Does.Contain("Delegation to 陈静 Chen Jing saved.")));
        Assert.That(stored.Select(item => (item.DelegateId, item.Note)), Is.EqualTo(new[] { ("credit1", "出差") }));
        Assert.That(page.Find("[data-testid=delegation-row-delegate]").TextContent, Is.EqualTo("陈静 Chen Jing"));
        Assert.That(page.Find("[data-testid=delegation-row-status]").TextContent, Is.EqualTo("In force"));

        await page.Find("[data-testid=delegation-end-button]").ClickAsync(new());

        page.WaitForAssertion(() =>
            Assert.That(page.Find("[data-testid=delegation-row-status]").TextContent, Is.EqualTo("Ended")));
        Assert.That((await Get<DelegationService>().ListForUserAsync("manager", default)).Single().EndedBy, Is.EqualTo("manager"));
        Assert.That(page.FindAll("[data-testid=delegation-end-button]"), Is.Empty);
    }

    [Test]
    public async Task Rejected_delegation_shows_Chinese_reason()
    {
        var page = await RenderForAsync("manager");

        await ChooseDelegateAsync(page, "credit1");
        TestIds.Input(page, "delegation-start").Change(Local(24));
        TestIds.Input(page, "delegation-end").Change(Local(2));
        await page.Find("[data-testid=delegation-create]").ClickAsync(new());

        page.WaitForAssertion(() =>
            Assert.That(page.Find("[data-testid=delegation-error]").TextContent, Does.Contain("结束时间必须晚于开始时间。")));
        Assert.That(await Get<DelegationService>().ListForUserAsync("manager", default), Is.Empty);
        Assert.That(page.Find("[data-testid=delegations-empty]").TextContent, Is.EqualTo("还没有代理设置。"));
    }

    private async Task<IRenderedComponent<DelegationPanel>> RenderForAsync(string userId)
    {
        var user = UserContext.FromUser((await Get<AccountStore>().FindAsync(userId, default))!);
        return Context.Render<DelegationPanel>(parameters => parameters.Add(panel => panel.User, user));
    }

    private static async Task ChooseDelegateAsync(IRenderedComponent<DelegationPanel> page, string userId)
    {
        var select = page.FindComponents<MudSelect<string>>()
            .Single(candidate => candidate.Instance.UserAttributes["data-testid"] as string == "delegation-delegate");
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(userId));
    }

    private static string Local(int hours) =>
        TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow().AddHours(hours), Shanghai)
            .ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
