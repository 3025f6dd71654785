using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Records;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// The order-to-shipment template's notice for an order that the credit check blocks names the customer. The app
/// loads the biopharma sample, in which customer C0005 of the east region is blocked, and the order is valid
/// otherwise: its unit price is the lowest the regional price list allows.
/// </summary>
/// <remarks>
/// The credit script also names a customer code that is not in the master data. A start through the designer no
/// longer reaches that branch, because the order form rejects a code that is not a customer the initiator may read.
/// <see cref="Unknown_customer_is_rejected"/> pins that, and the samples' script tests cover the branch itself.
/// </remarks>
[TestFixture]
public sealed class BlockedOrderNoticeTests
{
    private const string BlockedCustomer = "C0005";

    private const string Product = "IVD-0001";

    private DesignerAppFactory _app = default!;

    [OneTimeSetUp]
    public void StartApp()
    {
        var samples = Path.Combine(Path.GetDirectoryName(DesignerAppFactory.RepositoryTemplates())!, "..", "samples", "data");
        _app = new DesignerAppFactory(
            templates: DesignerAppFactory.RepositoryTemplates(),
            settings: new Dictionary<string, string>
            {
                ["WorkflowKit:SampleData"] = "true",
                ["WorkflowKit:SamplesPath"] = samples,
            });
    }

    [OneTimeTearDown]
    public async Task StopAppAsync() => await _app.DisposeAsync();

    [Test]
    public async Task Blocked_customer_is_named()
    {
        var customer = await SingleRecordAsync("customer", record => Text(record, "code") == BlockedCustomer);
        Assert.That(Text(customer, "creditStatus"), Is.EqualTo("blocked"), "the sample's customer is blocked");
        Assert.That(Text(customer, "region"), Is.EqualTo("east"), "the sample's customer is in sales1's region");
        var price = await SingleRecordAsync(
            "regional-price", record => Text(record, "product") == Product && Text(record, "region") == "east");
        var lowestPrice = price["unitPrice"]!.GetValue<decimal>() * 0.9m;

        var started = await Work.StartAsync("order-to-shipment", Order(BlockedCustomer, lowestPrice), await SalesAsync(), default);

        var detail = await Work.GetInstanceAsync(started.Id, await SalesAsync(), default);
        Assert.That(Text(detail!.Data, "creditCheck"), Is.EqualTo("blocked"));
        Assert.That(Text(detail.Data, "region"), Is.EqualTo("east"), "the region comes from the customer");
        var orderNo = Text(detail.Data, "orderNo");
        var creditNote = Text(detail.Data, "creditNote");
        Assert.That(creditNote, Does.StartWith("客户信用状态为冻结"));
        var notices = await Work.GetNotificationsAsync(await SalesAsync(), false, default);
        var notice = notices.Single(note => note.InstanceId == started.Id && note.Kind == "message");

        // The credit note also lists the customer's overdue invoices, whose days past due grow with the date.
        Assert.That(
            notice.Message?.Get("zh-CN"),
            Is.EqualTo($"订单 {orderNo}（福州市妇幼保健院）因信用冻结未受理：{creditNote}"));
        Assert.That(
            notice.Message?.Get("en"),
            Is.EqualTo($"Order {orderNo} (福州市妇幼保健院) is blocked by credit: {creditNote}"));
    }

    [Test]
    public async Task Unknown_customer_is_rejected()
    {
        var engine = _app.Services.GetRequiredService<WorkflowEngine>();
        var ordersBefore = (await engine.Records.QueryAsync(new RecordQuery("order"), null, default)).Total;

        var error = Assert.ThrowsAsync<FormValidationException>(
            async () => await Work.StartAsync("order-to-shipment", Order("C0404", 1_680m), await SalesAsync(), default));

        Assert.That(error!.Errors.Select(field => field.Field), Is.EqualTo(new[] { "customer" }));
        Assert.That(error.Errors[0].Message, Does.Contain("C0404"));
        var ordersAfter = (await engine.Records.QueryAsync(new RecordQuery("order"), null, default)).Total;
        Assert.That(ordersAfter, Is.EqualTo(ordersBefore), "no order record is written");
    }

    private IWorkService Work => _app.Services.GetRequiredService<IWorkService>();

    private static JsonObject Order(string customer, decimal unitPrice) => new()
    {
        ["customer"] = customer,
        ["orderDate"] = RecordSeed.Day(0),
        ["lines"] = new JsonArray(new JsonObject { ["product"] = Product, ["quantity"] = 2, ["unitPrice"] = unitPrice }),
    };

    private async Task<UserContext> SalesAsync()
    {
        var account = await _app.Services.GetRequiredService<AccountStore>().FindAsync("sales1", default);
        return UserContext.FromPrincipal(UserContext.ToPrincipal(account!, "test"))!;
    }

    /// <summary>Finds the data of the one record of <paramref name="formKey"/> that <paramref name="match"/> selects.</summary>
    private async Task<JsonObject> SingleRecordAsync(string formKey, Func<JsonObject, bool> match)
    {
        var engine = _app.Services.GetRequiredService<WorkflowEngine>();
        var page = await engine.Records.QueryAsync(new RecordQuery(formKey) { Limit = 1_000 }, null, default);
        Assert.That(page.Total, Is.LessThanOrEqualTo(page.Items.Count), $"all {formKey} records fit on one page");
        return page.Items.Select(record => record.Data).Single(match);
    }

    private static string? Text(JsonObject data, string field) => data[field]?.GetValue<string>();
}
