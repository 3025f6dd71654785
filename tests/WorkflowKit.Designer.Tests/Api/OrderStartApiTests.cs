using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Records;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// An order started through the REST API, as a portal submission is, gets its order number and totals from the
/// server and is stored as an order record that the flow's later steps update.
/// </summary>
[TestFixture]
public sealed class OrderStartApiTests
{
    private DesignerAppFactory _app = default!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        await RecordSeed.CreateAsync(_app, "customer", RecordSeed.Customer("C0001", "east"));
        await RecordSeed.CreateAsync(_app, "customer", RecordSeed.Customer("C0016", "north"));
        await RecordSeed.CreateAsync(_app, "regional-price", RecordSeed.RegionalPrice("IVD-0001", "east", 11m));
        await RecordSeed.CreateAsync(_app, "regional-price", RecordSeed.RegionalPrice("IVD-0002", "east", 4m));
        await RecordSeed.CreateAsync(_app, "regional-price", RecordSeed.RegionalPrice("IVD-0002", "north", 3m));
    }

    [OneTimeTearDown]
    public async Task StopAppAsync() => await _app.DisposeAsync();

    [Test]
    public async Task Api_start_stores_numbered_order()
    {
        using var client = await ClientAsync("sales1");

        using var response = await client.PostAsJsonAsync("/api/instances", new
        {
            flowKey = "order-to-shipment",
            data = new JsonObject
            {
                ["customer"] = "C0001",
                ["orderDate"] = "2026-12-05",
                ["requestedDeliveryDate"] = "2026-12-08",
                ["total"] = 1,
                ["lines"] = new JsonArray(
                    new JsonObject { ["product"] = "IVD-0001", ["quantity"] = 2, ["unitPrice"] = 10.5 },
                    new JsonObject { ["product"] = "IVD-0002", ["quantity"] = 1, ["unitPrice"] = 4 }),
            },
        });

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created).Or.EqualTo(HttpStatusCode.OK), body);
        var id = JsonNode.Parse(body)!["id"]!.GetValue<string>();
        var engine = _app.Services.GetRequiredService<WorkflowEngine>();
        var instance = (await engine.GetInstanceAsync(id, default))!.Instance;
        var orderNo = instance.Form["orderNo"]?.GetValue<string>();
        Assert.That(orderNo, Does.Match(@"^SO-\d{8}-\d{4}$"));
        Assert.That(instance.Form["total"]!.GetValue<decimal>(), Is.EqualTo(25m));
        Assert.That(instance.Form["lines"]![0]!["amount"]!.GetValue<decimal>(), Is.EqualTo(21m));

        var record = await engine.Records.GetAsync(
            "order", instance.Variables["recordId"]!.GetValue<long>(), null, default);
        Assert.That(record!.Data["orderNo"]!.GetValue<string>(), Is.EqualTo(orderNo));
        Assert.That(record.Data["region"]!.GetValue<string>(), Is.EqualTo("east"), "the customer's region");
        Assert.That(record.InstanceId, Is.EqualTo(id));
        Assert.That(record.CreatedBy, Is.EqualTo("sales1"));
    }

    [Test]
    public async Task Warehouse_cannot_start_order()
    {
        using var client = await ClientAsync("warehouse1");

        using var response = await client.PostAsJsonAsync("/api/instances", new
        {
            flowKey = "order-to-shipment",
            data = new JsonObject { ["customer"] = "C0001", ["orderDate"] = "2026-12-05" },
        });

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), body);
        Assert.That(body, Does.Contain("may not start flow 'order-to-shipment'"));
    }

    [Test]
    public async Task Start_list_follows_starters()
    {
        var work = _app.Services.GetRequiredService<IWorkService>();
        var accounts = _app.Services.GetRequiredService<AccountStore>();

        var sales = await work.GetStartableFlowsAsync(await UserAsync(accounts, "sales1"), default);
        var warehouse = await work.GetStartableFlowsAsync(await UserAsync(accounts, "warehouse1"), default);

        Assert.That(sales.Select(flow => flow.FlowKey), Does.Contain("order-to-shipment"));
        Assert.That(warehouse.Select(flow => flow.FlowKey), Does.Not.Contain("order-to-shipment"));
        Assert.That(sales.Select(flow => flow.FlowKey), Does.Not.Contain("replenishment"));
    }

    [Test]
    public async Task Refused_start_stores_no_order()
    {
        using var client = await ClientAsync("sales1");
        var engine = _app.Services.GetRequiredService<WorkflowEngine>();
        var before = (await engine.Records.QueryAsync(new RecordQuery("order"), null, default)).Total;

        using var response = await client.PostAsJsonAsync("/api/instances", new
        {
            flowKey = "order-to-shipment",
            data = new JsonObject { ["customer"] = "C0001", ["orderDate"] = "2026-12-05" },
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), await response.Content.ReadAsStringAsync());
        var after = (await engine.Records.QueryAsync(new RecordQuery("order"), null, default)).Total;
        Assert.That(after, Is.EqualTo(before));
    }

    /// <summary>
    /// sales1 works in the east and may read east customers only. A start for C0016, a north customer, is rejected
    /// with an error on the customer field, and no order is stored.
    /// </summary>
    [Test]
    public async Task Other_region_customer_rejected()
    {
        using var client = await ClientAsync("sales1");
        var engine = _app.Services.GetRequiredService<WorkflowEngine>();
        var before = (await engine.Records.QueryAsync(new RecordQuery("order"), null, default)).Total;

        using var response = await client.PostAsJsonAsync("/api/instances", new
        {
            flowKey = "order-to-shipment",
            data = new JsonObject
            {
                ["customer"] = "C0016",
                ["orderDate"] = "2026-12-05",
                ["lines"] = new JsonArray(new JsonObject { ["product"] = "IVD-0001", ["quantity"] = 1, ["unitPrice"] = 10 }),
            },
        });

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
        var errors = JsonNode.Parse(body)!["errors"]!.AsObject();
        Assert.That(errors.Select(pair => pair.Key), Is.EqualTo(new[] { "customer" }));
        Assert.That(errors["customer"]![0]!.GetValue<string>(), Is.EqualTo(
            "“客户编码” 的值 “C0016” 不是你可查看的 customer 记录的 code，请从你有权查看的记录中选择"));
        var after = (await engine.Records.QueryAsync(new RecordQuery("order"), null, default)).Total;
        Assert.That(after, Is.EqualTo(before));
    }

    /// <summary>
    /// The east price of IVD-0002 is 4.00 and at most 10% off is allowed, so 3.50 on the second line is rejected with
    /// a message that names the row. The north price of 3.00 does not apply to an east customer.
    /// </summary>
    [Test]
    public async Task Price_below_list_rejected()
    {
        using var client = await ClientAsync("sales1");

        using var response = await client.PostAsJsonAsync("/api/instances", new
        {
            flowKey = "order-to-shipment",
            data = new JsonObject
            {
                ["customer"] = "C0001",
                ["orderDate"] = "2026-12-05",
                ["lines"] = new JsonArray(
                    new JsonObject { ["product"] = "IVD-0001", ["quantity"] = 2, ["unitPrice"] = 10.5 },
                    new JsonObject { ["product"] = "IVD-0002", ["quantity"] = 1, ["unitPrice"] = 3.5 }),
            },
        });

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
        var errors = JsonNode.Parse(body)!["errors"]!.AsObject();
        Assert.That(errors.Select(pair => pair.Key), Is.EqualTo(new[] { "lines[1].unitPrice" }));
        Assert.That(errors["lines[1].unitPrice"]![0]!.GetValue<string>(), Is.EqualTo(
            "第 2 行：“单价” 3.5 低于最低值 3.60（regional-price 中的 unitPrice 4.00 的 90%）"));
    }

    /// <summary>The order's region comes from the customer record, so a start that sets it is rejected.</summary>
    [Test]
    public async Task Typed_region_rejected()
    {
        using var client = await ClientAsync("sales1");

        using var response = await client.PostAsJsonAsync("/api/instances", new
        {
            flowKey = "order-to-shipment",
            data = new JsonObject { ["customer"] = "C0001", ["region"] = "north", ["orderDate"] = "2026-12-05" },
        });

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
        Assert.That(body, Does.Contain("region"));
    }

    private static async Task<UserContext> UserAsync(AccountStore accounts, string userId)
    {
        var account = (await accounts.ListAsync(default)).Single(user => user.Id == userId);
        return UserContext.FromPrincipal(UserContext.ToPrincipal(account, "test"))!;
    }

    [Test]
    public async Task Resent_start_with_same_key_starts_once()
    {
        using var sales = await ClientAsync("sales1");
        using var other = await ClientAsync("sales2");
        static object Order(string customer, string product, decimal price) => new
        {
            flowKey = "order-to-shipment",
            data = new JsonObject
            {
                ["customer"] = customer,
                ["requestedDeliveryDate"] = "2026-12-08",
                ["lines"] = new JsonArray(new JsonObject { ["product"] = product, ["quantity"] = 1, ["unitPrice"] = price }),
            },
        };
        async Task<string> StartAsync(HttpClient client, string key)
        {
            var order = client == other ? Order("C0016", "IVD-0002", 3m) : Order("C0001", "IVD-0001", 11m);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
            {
                Content = JsonContent.Create(order),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
            return JsonNode.Parse(body)!["id"]!.GetValue<string>();
        }

        var first = await StartAsync(sales, "order-7f3a");
        var again = await StartAsync(sales, "order-7f3a");
        var otherUser = await StartAsync(other, "order-7f3a");
        var otherKey = await StartAsync(sales, "order-7f3b");

        Assert.That(again, Is.EqualTo(first));
        Assert.That(otherUser, Is.Not.EqualTo(first));
        Assert.That(otherKey, Is.Not.EqualTo(first));
    }

    [Test]
    public async Task Concurrent_starts_with_same_key_share_one()
    {
        const int Starts = 12;
        using var sales = await ClientAsync("sales1");
        var order = new
        {
            flowKey = "order-to-shipment",
            data = new JsonObject
            {
                ["customer"] = "C0001",
                ["requestedDeliveryDate"] = "2026-12-08",
                ["lines"] = new JsonArray(new JsonObject { ["product"] = "IVD-0001", ["quantity"] = 2, ["unitPrice"] = 11m }),
            },
        };
        var before = await sales.GetFromJsonAsync<JsonArray>("/api/instances");
        using var gate = new Barrier(Starts);

        var replies = await Task.WhenAll(Enumerable.Range(0, Starts).Select(_ => Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
            {
                Content = JsonContent.Create(order),
            };
            request.Headers.Add("Idempotency-Key", "order-concurrent-9c1d");
            gate.SignalAndWait();
            using var response = await sales.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        })));

        var after = await sales.GetFromJsonAsync<JsonArray>("/api/instances");
        var created = after!.Select(item => item!["id"]!.GetValue<string>())
            .Except(before!.Select(item => item!["id"]!.GetValue<string>()))
            .ToList();
        Assert.That(created, Has.Count.EqualTo(1));
        foreach (var (status, body) in replies)
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body);
            Assert.That(JsonNode.Parse(body)!["id"]!.GetValue<string>(), Is.EqualTo(created[0]), body);
        }
    }

    [Test]
    public async Task Overlong_idempotency_key_is_400()
    {
        using var sales = await ClientAsync("sales1");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
        {
            Content = JsonContent.Create(new { flowKey = "order-to-shipment", data = new JsonObject() }),
        };
        request.Headers.Add("Idempotency-Key", new string('k', 201));

        using var response = await sales.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("最多 200 个字符"));
    }

    private async Task<HttpClient> ClientAsync(string user)
    {
        var client = _app.CreateClient();
        var key = await _app.Services.GetRequiredService<AccountStore>().CreateApiKeyAsync(user, "test", default);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}
