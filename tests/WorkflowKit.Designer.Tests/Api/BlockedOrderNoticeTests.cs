using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// The order-to-shipment template's notice for an order that the credit check blocks names the customer, both
/// for a customer whose credit is blocked and for a customer code that is not in the master data.
/// </summary>
[TestFixture]
public sealed class BlockedOrderNoticeTests
{
    private DesignerAppFactory _app = default!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        await RecordSeed.CreateAsync(_app, "customer", new JsonObject
        {
            ["code"] = "C0005", ["name"] = "福州市妇幼保健院", ["region"] = "east", ["creditLimit"] = 860_000m,
            ["creditStatus"] = "blocked",
        });
    }

    [OneTimeTearDown]
    public async Task StopAppAsync() => await _app.DisposeAsync();

    [Test]
    public async Task Blocked_customer_is_named()
    {
        var (orderNo, message) = await StartBlockedOrderAsync("C0005");

        Assert.That(message, Is.EqualTo($"订单 {orderNo}（福州市妇幼保健院）因信用冻结未受理：客户信用状态为冻结"));
    }

    [Test]
    public async Task Unknown_customer_code_is_named()
    {
        var (orderNo, message) = await StartBlockedOrderAsync("C0404");

        Assert.That(message, Is.EqualTo($"订单 {orderNo}（C0404）因信用冻结未受理：客户编码 C0404 不在客户主数据中"));
    }

    /// <summary>Starts an order for <paramref name="customer"/> and returns its number and the blocked notice.</summary>
    private async Task<(string OrderNo, string? Message)> StartBlockedOrderAsync(string customer)
    {
        var work = _app.Services.GetRequiredService<IWorkService>();
        var account = await _app.Services.GetRequiredService<AccountStore>().FindAsync("sales1", default);
        var sales = UserContext.FromPrincipal(UserContext.ToPrincipal(account!, "test"))!;
        var order = new JsonObject
        {
            ["customer"] = customer,
            ["region"] = "east",
            ["orderDate"] = RecordSeed.Day(0),
            ["lines"] = new JsonArray(new JsonObject { ["product"] = "IVD-0001", ["quantity"] = 2, ["unitPrice"] = 10.5 }),
        };

        var started = await work.StartAsync("order-to-shipment", order, sales, default);

        var detail = await work.GetInstanceAsync(started.Id, sales, default);
        var orderNo = detail!.Data["orderNo"]!.GetValue<string>();
        var notices = await work.GetNotificationsAsync(sales, false, default);
        var notice = notices.Single(note => note.InstanceId == started.Id && note.Kind == "message");
        return (orderNo, notice.Message?.Get("zh-CN"));
    }
}
