using System.Text.Json.Nodes;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using WorkflowKit.Definitions;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Components.Layout;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The notifications page and the app bar's unread badge in bunit, on the designer's real work service and engine. A
/// notification node of the order flow tells the salesperson that credit holds the order; the salesperson sees it
/// with the count, marks it read, and the count drops.
/// </summary>
[TestFixture]
public sealed class NotificationPageTests
{
    private DesignerAppFactory _app = default!;
    private IServiceScope _scope = default!;
    private System.Security.Claims.ClaimsPrincipal _principal = default!;

    private BunitContext Context { get; set; } = default!;

    private IWorkService Work => _scope.ServiceProvider.GetRequiredService<IWorkService>();

    [SetUp]
    public async Task CreateContextAsync()
    {
        _app = new DesignerAppFactory();
        _scope = _app.Services.CreateScope();
        await OrderDefinitions.PublishAsync(_scope.ServiceProvider.GetRequiredService<IDefinitionService>(), "owner", OrderDefinitions.FlowWithCreditHoldNotice());

        Context = new BunitContext();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddScoped<NotificationReadSignal>();
        Context.Services.AddFallbackServiceProvider(_scope.ServiceProvider);
    }

    [TearDown]
    public async Task DisposeContextAsync()
    {
        await Context.DisposeAsync();
        _scope.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task Reading_notice_lowers_badge_count()
    {
        UseCulture("zh-CN");
        var sales = await SignInAsync("sales1");
        var first = await StartAsync(sales, "协和医院");
        var badge = Render<NotificationBadge>(badge => badge.Add(component => component.User, sales));
        var page = Render<Notifications>();

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=notification]"), Has.Count.EqualTo(1)));
        Assert.That(Count(badge), Is.EqualTo("1"));
        var item = page.Find("[data-testid=notification]");
        Assert.That(item.QuerySelector("[data-testid=notification-message]")!.TextContent.Trim(),
            Is.EqualTo("订单 协和医院 被信用审核拦截"));
        Assert.That(item.QuerySelector("[data-testid=notification-kind]")!.TextContent.Trim(), Is.EqualTo("消息"));
        Assert.That(item.QuerySelector("[data-testid=notification-state]")!.TextContent.Trim(), Is.EqualTo("未读"));
        Assert.That(item.QuerySelector("[data-testid=notification-instance]")!.GetAttribute("href"),
            Is.EqualTo($"/instances/{first.Id}"));

        // A second order notifies again while both components are open: the badge follows the engine's step relay.
        var second = await StartAsync(sales, "华山医院");
        badge.WaitForAssertion(() => Assert.That(Count(badge), Is.EqualTo("2")));
        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=notification]"), Has.Count.EqualTo(2)));
        Assert.That(page.Find("[data-testid=notification]").GetAttribute("data-id"),
            Is.EqualTo((await Work.GetNotificationsAsync(sales, unreadOnly: false, default))
                .Single(notification => notification.InstanceId == second.Id).Id),
            "the newest notification comes first");

        await page.Find("[data-testid=notification-read]").ClickAsync(new MouseEventArgs());

        badge.WaitForAssertion(() => Assert.That(Count(badge), Is.EqualTo("1")));
        page.WaitForAssertion(() => Assert.That(
            page.FindAll("[data-testid=notification]").Select(element => element.GetAttribute("data-read")),
            Is.EqualTo(new[] { "true", "false" })));
        Assert.That(page.Find("[data-testid=notification-state]").TextContent.Trim(), Does.StartWith("已读于 "));

        await page.Find("[data-testid=notifications-read-all]").ClickAsync(new MouseEventArgs());

        badge.WaitForAssertion(() => Assert.That(Count(badge), Is.EqualTo("0")));
        Assert.That(await Work.GetNotificationsAsync(sales, unreadOnly: true, default), Is.Empty);
    }

    [Test]
    public async Task Kind_and_state_in_english()
    {
        UseCulture("en");
        var sales = await SignInAsync("sales1");
        await StartAsync(sales, "Ruijin");

        var page = Render<Notifications>();

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=notification]"), Has.Count.EqualTo(1)));
        Assert.That(page.Find("[data-testid=notification-message]").TextContent.Trim(),
            Is.EqualTo("Order for Ruijin is held by credit"));
        Assert.That(page.Find("[data-testid=notification-kind]").TextContent.Trim(), Is.EqualTo("Message"));
        Assert.That(page.Find("[data-testid=notification-state]").TextContent.Trim(), Is.EqualTo("Unread"));
        Assert.That(page.Find("[data-testid=notifications-read-all]").TextContent.Trim(), Is.EqualTo("Mark all as read"));
    }

    [Test]
    public async Task Rejection_shows_kind_and_reason()
    {
        UseCulture("zh-CN");
        var sales = await SignInAsync("sales1");
        var started = await StartAsync(sales, "协和医院");
        var engine = _scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        var review = (await engine.QueryTasksAsync(
            new WorkflowKit.Runtime.Tasks.TaskQuery { InstanceId = started.Id }, default)).Single();
        await engine.ActAsync(
            new WorkflowKit.Runtime.Tasks.TaskActionRequest(
                review.Id, WorkflowKit.Runtime.Tasks.TaskActions.Reject, review.Assignee) { Comment = "价格过高" },
            default);

        var page = Render<Notifications>();

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=notification]"), Has.Count.EqualTo(2)));
        var item = page.Find("[data-testid=notification]");
        Assert.That(item.QuerySelector("[data-testid=notification-kind]")!.TextContent.Trim(), Is.EqualTo("已驳回"));
        Assert.That(item.QuerySelector("[data-testid=notification-message]")!.TextContent.Trim(),
            Is.EqualTo("王芳 Wang Fang 在“经理审批”驳回了此申请，流程已结束。原因：价格过高"));
        Assert.That(item.QuerySelector("[data-testid=notification-instance]")!.GetAttribute("href"),
            Is.EqualTo($"/instances/{started.Id}"));
    }

    [Test]
    public async Task Pages_reach_oldest_notification()
    {
        UseCulture("en");
        var sales = await SignInAsync("sales1");
        await InsertNoticesAsync("sales1", 120);
        var page = Render<Notifications>();
        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=notification]"), Has.Count.EqualTo(50)));
        Assert.That(Messages(page)[0], Is.EqualTo("Notice 119"));
        Assert.That(page.Find("[data-testid=notifications-range]").TextContent.Trim(), Is.EqualTo("1-50 of 120"));

        var third = page.FindAll("[data-testid=notifications-pages] button")
            .Single(button => button.TextContent.Trim() == "3");
        await third.ClickAsync(new MouseEventArgs());

        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=notification]"), Has.Count.EqualTo(20)));
        Assert.That(Messages(page)[^1], Is.EqualTo("Notice 0"));
        Assert.That(page.Find("[data-testid=notifications-range]").TextContent.Trim(), Is.EqualTo("101-120 of 120"));
        Assert.That((await Work.GetNotificationPageAsync(sales, unreadOnly: false, 100, 50, default)).Total, Is.EqualTo(120));

    }

    [Test]
    public async Task Read_urge_leaves_inbox()
    {
        UseCulture("en");
        var sales = await SignInAsync("sales1");
        var order = await StartAsync(sales, "Ruijin");
        await Work.UrgeAsync(order.Id, "Customer is waiting", sales, default);
        var manager = await SignInAsync("manager");
        var inbox = Render<Inbox>();
        inbox.WaitForAssertion(() => Assert.That(inbox.FindAll("[data-testid=urge]"), Has.Count.EqualTo(1)));

        await inbox.Find("[data-testid=urge-read]").ClickAsync(new MouseEventArgs());

        inbox.WaitForAssertion(() => Assert.That(inbox.FindAll("[data-testid=urge]"), Is.Empty));
        Assert.That(await Work.GetUrgesAsync(manager, default), Is.Empty);
        var urge = (await Work.GetNotificationsAsync(manager, unreadOnly: false, default))
            .Single(notification => notification.Kind == NotificationKinds.Urge);
        Assert.That(urge.IsRead, Is.True);
        Assert.That(await Work.GetInboxAsync(manager, default), Has.Count.EqualTo(1), "the urged task stays open");
    }

    [Test]
    public async Task Urge_read_elsewhere_leaves_inbox()
    {
        var sales = await SignInAsync("sales1");
        var order = await StartAsync(sales, "Ruijin");
        await Work.UrgeAsync(order.Id, null, sales, default);
        var manager = await SignInAsync("manager");
        var urged = (await Work.GetUrgesAsync(manager, default)).Single();

        await Work.MarkAllNotificationsReadAsync(manager, default);

        Assert.That(urged.InstanceId, Is.EqualTo(order.Id));
        Assert.That(await Work.GetUrgesAsync(manager, default), Is.Empty);
    }

    [Test]
    public async Task Read_all_reaches_other_pages()
    {
        UseCulture("en");
        var sales = await SignInAsync("sales1");
        await InsertNoticesAsync("sales1", 120);
        foreach (var notice in (await Work.GetNotificationPageAsync(sales, unreadOnly: false, 1, 200, default)).Items)
        {
            await Work.MarkNotificationReadAsync(notice.Id, sales, default);
        }

        var page = Render<Notifications>();
        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=notifications-pages] button"), Is.Not.Empty));
        await page.FindAll("[data-testid=notifications-pages] button")
            .Single(button => button.TextContent.Trim() == "3").ClickAsync(new MouseEventArgs());
        page.WaitForAssertion(() => Assert.That(page.FindAll("[data-testid=notification]"), Has.Count.EqualTo(20)));

        Assert.That(page.FindAll("[data-testid=notification]").Select(item => item.GetAttribute("data-read")),
            Is.All.EqualTo("true"));
        Assert.That(page.Find("[data-testid=notifications-read-all]").HasAttribute("disabled"), Is.False,
            "the unread notification on page 1 keeps the button enabled");
        await page.Find("[data-testid=notifications-read-all]").ClickAsync(new MouseEventArgs());

        Assert.That((await Work.GetNotificationPageAsync(sales, unreadOnly: true, 0, 10, default)).Total, Is.Zero);
        page.WaitForAssertion(() => Assert.That(
            page.Find("[data-testid=notifications-read-all]").HasAttribute("disabled"), Is.True));
    }

    /// <summary>Writes notifications straight to the store, one a minute, numbered from the oldest.</summary>
    private async Task InsertNoticesAsync(string userId, int count)
    {
        var stores = _scope.ServiceProvider.GetRequiredService<WorkflowKitStores>();
        var notices = Enumerable.Range(0, count)
            .Select(number => new Notification(
                $"notice-{number:D3}", userId, null, null, null, NotificationKinds.Message,
                new LocalizedText($"通知 {number}", $"Notice {number}"),
                new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero).AddMinutes(number), null))
            .ToList();
        await using var transaction = await stores.Database.BeginTransactionAsync(default);
        await stores.Runtime.InsertNotificationsAsync(transaction, notices, default);
        await transaction.CommitAsync(default);
    }

    private static List<string> Messages(IRenderedComponent<CascadingValue<Task<AuthenticationState>>> page) =>
        [.. page.FindAll("[data-testid=notification-message]").Select(message => message.TextContent.Trim())];

    private Task<InstanceSummary> StartAsync(UserContext user, string customer) =>
        Work.StartAsync(
            OrderDefinitions.FlowKey, new JsonObject { ["customer"] = customer, ["region"] = "east", ["total"] = 90_000m },
            user, default);

    private async Task<UserContext> SignInAsync(string userId)
    {
        var account = (await _scope.ServiceProvider.GetRequiredService<AccountStore>().FindAsync(userId, default))!;
        _principal = UserContext.ToPrincipal(account, "test");
        return UserContext.FromPrincipal(_principal)!;
    }

    private static string? Count(IRenderedComponent<CascadingValue<Task<AuthenticationState>>> badge) =>
        badge.Find("[data-testid=notification-count]").GetAttribute("data-count");

    private void UseCulture(string culture)
    {
        Context.Services.AddScoped(_ => new UiText { Culture = culture });
        Context.Render<MudPopoverProvider>();
    }

    /// <summary>Renders a component for the user that <see cref="SignInAsync"/> signed in last.</summary>
    private IRenderedComponent<CascadingValue<Task<AuthenticationState>>> Render<TComponent>(
        Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : IComponent
    {
        var signedIn = Task.FromResult(new AuthenticationState(_principal));
        return Context.Render<CascadingValue<Task<AuthenticationState>>>(cascade => cascade
            .Add(value => value.Value, signedIn)
            .AddChildContent<TComponent>(parameters ?? (_ => { })));
    }
}
