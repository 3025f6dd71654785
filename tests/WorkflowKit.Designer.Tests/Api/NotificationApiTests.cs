using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// <c>GET /api/notifications</c> and <c>POST /api/notifications/{id}/read</c> on a designer at 127.0.0.1: a caller
/// lists and marks only their own notifications, and another user's or an unknown id is a 404 problem.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class NotificationApiTests
{
    private DesignerAppFactory _app = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        _app = new DesignerAppFactory(kestrel: true);
        _app.StartServer();
        await OrderDefinitions.PublishAsync(
            _app.Services.GetRequiredService<IDefinitionService>(), "owner", OrderDefinitions.FlowWithCreditHoldNotice());
    }

    [OneTimeTearDown]
    public async Task StopServerAsync() => await _app.DisposeAsync();

    [Test]
    public async Task Caller_lists_and_marks_own_notifications()
    {
        using var sales = await LoopbackClients.ForAsync(_app, "sales1");
        using var manager = await LoopbackClients.ForAsync(_app, "manager");
        using var english = await LoopbackClients.ForAsync(_app, "credit1", "en");
        var started = await sales.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer = "协和医院", region = "east", total = 90000 },
        });
        Assert.That(started.StatusCode, Is.EqualTo(HttpStatusCode.Created), await started.Content.ReadAsStringAsync());
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var unread = await ListAsync(sales, "/api/notifications?unreadOnly=true");
        var notice = unread.Single(item => item["instanceId"]!.GetValue<string>() == instanceId);
        Assert.That(notice["kind"]!.GetValue<string>(), Is.EqualTo("message"));
        Assert.That(notice["message"]!["en"]!.GetValue<string>(), Is.EqualTo("Order for 协和医院 is held by credit"));
        Assert.That(notice["readAt"], Is.Null);
        var noticeId = notice["id"]!.GetValue<string>();

        var othersRead = await manager.PostAsync($"/api/notifications/{noticeId}/read", null);
        var unknownRead = await english.PostAsync("/api/notifications/no-such-notification/read", null);
        var read = await sales.PostAsync($"/api/notifications/{noticeId}/read", null);

        Assert.That(othersRead.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(othersRead.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await unknownRead.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That((unknownRead.StatusCode, problem!["detail"]!.GetValue<string>()), Is.EqualTo((HttpStatusCode.NotFound,
            "Notification 'no-such-notification' does not exist or is not yours; check the id with GET /api/notifications.")));
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await ListAsync(sales, "/api/notifications?unreadOnly=true"))
            .Select(item => item["id"]!.GetValue<string>()), Does.Not.Contain(noticeId));
        var all = await ListAsync(sales, "/api/notifications");
        Assert.That(all.Single(item => item["id"]!.GetValue<string>() == noticeId)["readAt"], Is.Not.Null);
        Assert.That(await ListAsync(manager, "/api/notifications"),
            Has.None.Matches<JsonNode>(item => item["id"]!.GetValue<string>() == noticeId));
    }

    [Test]
    public async Task Pages_cover_older_notifications()
    {
        // finance1 gets no notification from the other tests of this class, so the count is this test's own.
        var stores = _app.Services.GetRequiredService<WorkflowKitStores>();
        var notices = Enumerable.Range(0, 230)
            .Select(number => new Notification(
                $"api-notice-{number:D3}", "finance1", null, null, null, NotificationKinds.Message,
                new LocalizedText($"通知 {number}", $"Notice {number}"),
                new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero).AddMinutes(number), null))
            .ToList();
        await using (var transaction = await stores.Database.BeginTransactionAsync(default))
        {
            await stores.Runtime.InsertNotificationsAsync(transaction, notices, default);
            await transaction.CommitAsync(default);
        }

        using var finance = await LoopbackClients.ForAsync(_app, "finance1", "en");

        using var first = await finance.GetAsync("/api/notifications");
        using var last = await finance.GetAsync("/api/notifications?offset=200&limit=50");
        using var zeroLimit = await finance.GetAsync("/api/notifications?limit=0");
        using var negativeOffset = await finance.GetAsync("/api/notifications?offset=-1");

        var firstItems = (await first.Content.ReadFromJsonAsync<JsonArray>())!;
        var lastItems = (await last.Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.That(firstItems, Has.Count.EqualTo(200));
        Assert.That(first.Headers.GetValues("X-Total-Count"), Is.EqualTo(new[] { "230" }));
        Assert.That(lastItems.Select(item => (string?)item!["id"]), Is.EqualTo(
            Enumerable.Range(0, 30).Select(index => $"api-notice-{29 - index:D3}")));
        Assert.That(last.Headers.GetValues("X-Total-Count"), Is.EqualTo(new[] { "230" }));
        Assert.That(zeroLimit.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)(await zeroLimit.Content.ReadFromJsonAsync<JsonObject>())!["detail"], Is.EqualTo(
            "The limit must be 1 to 500, got 0; it is the number of notifications per page."));
        Assert.That(negativeOffset.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((string?)(await negativeOffset.Content.ReadFromJsonAsync<JsonObject>())!["detail"], Is.EqualTo(
            "The offset must be 0 or more, got -1; it is the number of notifications to skip."));
    }

    [Test]
    public async Task Anonymous_caller_is_401()
    {
        using var anonymous = new HttpClient { BaseAddress = _app.RootUri };

        var response = await anonymous.GetAsync("/api/notifications");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static async Task<IReadOnlyList<JsonNode>> ListAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(item => item!)];
    }
}
