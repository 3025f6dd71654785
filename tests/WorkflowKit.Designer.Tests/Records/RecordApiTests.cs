using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Designer.Tests.Api;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Permissions;

namespace WorkflowKit.Designer.Tests.Records;

/// <summary>
/// The records API on the built-in biopharma package: data permission rules hold through every
/// read path (list, detail, export), with rows of other regions and hidden fields absent.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RecordApiTests
{
    [Test]
    public async Task Records_without_credentials_is_401()
    {
        await using var app = new DesignerAppFactory();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/api/records/customer");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Api_key_acts_as_its_user()
    {
        await using var app = new DesignerAppFactory();
        using var client = await ApiAccessTests.ClientForAsync(app, "sales1", "en");

        var me = await client.GetFromJsonAsync<JsonObject>("/api/me");

        Assert.Multiple(() =>
        {
            Assert.That(me!["id"]!.GetValue<string>(), Is.EqualTo("sales1"));
            Assert.That(me["attributes"]!["region"]!.GetValue<string>(), Is.EqualTo("east"));
        });
    }

    [TestCase("limit=0", "The limit must be 1 to 500, got 0; it is the number of records per page. Page through more with offset or after.")]
    [TestCase("limit=-1", "The limit must be 1 to 500, got -1; it is the number of records per page. Page through more with offset or after.")]
    [TestCase("limit=501", "The limit must be 1 to 500, got 501; it is the number of records per page. Page through more with offset or after.")]
    [TestCase("offset=-5", "The offset must be 0 or more, got -5; it is the number of records to skip.")]
    [TestCase("after=0", "The after parameter must be a record id, 1 or more, got 0; send the id of the previous page's last record.")]
    public async Task Record_page_out_of_range_is_400(string query, string detail)
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        using var admin = await ApiAccessTests.ClientForAsync(app, "admin", "en");

        using var response = await admin.GetAsync($"/api/records/customer?{query}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That((string?)JsonNode.Parse(body)!["detail"], Is.EqualTo(detail));
    }

    [Test]
    public async Task Record_page_limits_inside_range()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        await SeedCustomersAsync(app);
        using var admin = await ApiAccessTests.ClientForAsync(app, "admin");

        var first = await admin.GetFromJsonAsync<JsonObject>("/api/records/customer?limit=1&sort=code");
        var rest = await admin.GetFromJsonAsync<JsonObject>("/api/records/customer?limit=500&offset=1&sort=code");

        var total = (long)first!["total"]!;
        Assert.That(first["items"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(rest!["items"]!.AsArray(), Has.Count.EqualTo(total - 1));
    }

    [Test]
    public async Task Salesperson_of_east_lists_only_east_customers()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        await SeedCustomersAsync(app);
        using var sales = await ApiAccessTests.ClientForAsync(app, "sales1");
        using var admin = await ApiAccessTests.ClientForAsync(app, "admin");

        var mine = await sales.GetFromJsonAsync<JsonObject>("/api/records/customer?sort=code");
        var all = await admin.GetFromJsonAsync<JsonObject>("/api/records/customer?sort=code");

        Assert.Multiple(() =>
        {
            Assert.That(Codes(mine!), Is.EqualTo(new[] { "C-E1", "C-E2" }));
            Assert.That(mine!["total"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(Codes(all!), Is.EqualTo(new[] { "C-E1", "C-E2", "C-N1" }));
        });
    }

    [Test]
    public async Task Customer_of_another_region_is_404_for_salesperson()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        var north = (await SeedCustomersAsync(app))["C-N1"];
        using var sales = await ApiAccessTests.ClientForAsync(app, "sales1");
        using var northSales = await ApiAccessTests.ClientForAsync(app, "sales2");

        using var hidden = await sales.GetAsync($"/api/records/customer/{north}");
        using var visible = await northSales.GetAsync($"/api/records/customer/{north}");

        Assert.Multiple(() =>
        {
            Assert.That(hidden.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(visible.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Hidden_price_fields_never_reach_the_salesperson()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        await app.Services.GetRequiredService<IPermissionRuleStore>().SaveRulesAsync("order",
        [
            new PermissionRule { Role = "admin", Form = "order", Actions = ["read", "export"] },
            new PermissionRule
            {
                Role = "sales", Form = "order", Actions = ["read", "export"], HiddenFields = ["total", "lines"],
                Rows = Condition.AllOf(new Rule { Field = "region", Operator = "eq", ValueFrom = "user.region" }),
            },
        ], default);
        await RecordSeed.CreateAsync(app, "order", Order("east", 650_000m));
        await RecordSeed.CreateAsync(app, "order", Order("north", 90_000m));
        await RecordSeed.CreateAsync(app, "product", new JsonObject
        {
            ["code"] = "P-1", ["name"] = "乙肝试剂盒", ["unitPrice"] = 120.5m, ["unitCost"] = 80.25m,
        });
        await RecordSeed.CreateAsync(app, "regional-price", RecordSeed.RegionalPrice("P-1", "east", 118m));
        await RecordSeed.CreateAsync(app, "regional-price", RecordSeed.RegionalPrice("P-1", "north", 125m));
        using var sales = await ApiAccessTests.ClientForAsync(app, "sales1");
        using var finance = await ApiAccessTests.ClientForAsync(app, "finance1");

        var orders = await sales.GetFromJsonAsync<JsonObject>("/api/records/order");
        var products = await sales.GetFromJsonAsync<JsonObject>("/api/records/product");
        var productDetail = await sales.GetFromJsonAsync<JsonObject>(
            $"/api/records/product/{products!["items"]![0]!["id"]!.GetValue<long>()}");
        var prices = await sales.GetFromJsonAsync<JsonObject>("/api/records/regional-price");
        var financeProducts = await finance.GetFromJsonAsync<JsonObject>("/api/records/product");
        var export = await sales.GetStringAsync("/api/records/order/export?format=csv");
        using var sortByHidden = await sales.GetAsync("/api/records/order?sort=total");

        var order = orders!["items"]!.AsArray().Single()!["data"]!.AsObject();
        var product = products!["items"]!.AsArray().Single()!["data"]!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(order["region"]!.GetValue<string>(), Is.EqualTo("east"));
            Assert.That(order.ContainsKey("total"), Is.False, order.ToJsonString());
            Assert.That(order.ContainsKey("lines"), Is.False, order.ToJsonString());
            Assert.That(product.ContainsKey("unitCost"), Is.False, product.ToJsonString());
            Assert.That(product.ContainsKey("unitPrice"), Is.False, "the list price is for every region");
            Assert.That(productDetail!.ToJsonString(), Does.Not.Contain("120.5"));
            Assert.That(prices!["items"]!.AsArray().Select(item => item!["data"]!["unitPrice"]!.GetValue<decimal>()),
                Is.EqualTo(new[] { 118m }), "the east price only");
            Assert.That(financeProducts!["items"]![0]!["data"]!["unitPrice"]!.GetValue<decimal>(), Is.EqualTo(120.5m));
            Assert.That(export, Does.Contain("华东医院"));
            Assert.That(export, Does.Not.Contain("华北医院"));
            Assert.That(export, Does.Not.Contain("650000"));
            Assert.That(sortByHidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
    }

    [Test]
    public async Task Export_without_export_rule_is_403()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        using var sales = await ApiAccessTests.ClientForAsync(app, "sales1");
        using var manager = await ApiAccessTests.ClientForAsync(app, "manager");

        using var denied = await sales.GetAsync("/api/records/customer/export?format=xlsx");
        using var allowed = await manager.GetAsync("/api/records/customer/export?format=xlsx");

        Assert.Multiple(() =>
        {
            Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(allowed.Content.Headers.ContentType?.MediaType, Does.Contain("spreadsheetml"));
        });
    }

    [Test]
    public async Task Record_history_shows_old_and_new_values()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        var id = (await SeedCustomersAsync(app))["C-E1"];
        var store = app.Services.GetRequiredService<WorkflowKit.Records.IRecordStore>();
        await store.UpdateAsync("customer", id, new JsonObject { ["creditLimit"] = 800_000m }, null,
            new WorkflowKit.Records.RecordWriteContext("manager"), default);
        using var sales = await ApiAccessTests.ClientForAsync(app, "sales1");

        var history = await sales.GetFromJsonAsync<JsonArray>($"/api/records/customer/{id}/history");

        var update = history!.Single(entry => entry!["action"]!.GetValue<string>() == "update")!;
        var change = update["changes"]!.AsArray().Single(c => c!["field"]!.GetValue<string>() == "creditLimit")!;
        Assert.Multiple(() =>
        {
            Assert.That(change["oldValue"]!.GetValue<decimal>(), Is.EqualTo(500_000m));
            Assert.That(change["newValue"]!.GetValue<decimal>(), Is.EqualTo(800_000m));
            Assert.That(update["userId"]!.GetValue<string>(), Is.EqualTo("manager"));
        });
    }

    [Test]
    public async Task Next_page_after_last_id()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        await SeedCustomersAsync(app);
        using var admin = await ApiAccessTests.ClientForAsync(app, "admin");

        var first = await admin.GetFromJsonAsync<JsonObject>("/api/records/customer?limit=2");
        var lastId = first!["items"]!.AsArray()[^1]!["id"]!.GetValue<long>();
        var next = await admin.GetFromJsonAsync<JsonObject>($"/api/records/customer?limit=2&after={lastId}");
        using var sorted = await admin.GetAsync($"/api/records/customer?sort=code&after={lastId}");

        Assert.That(Codes(first), Is.EqualTo(new[] { "C-N1", "C-E2" }));
        Assert.That(Codes(next!), Is.EqualTo(new[] { "C-E1" }));
        Assert.That(next!["total"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(sorted.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    internal static async Task<Dictionary<string, long>> SeedCustomersAsync(DesignerAppFactory app)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, name, region) in new[]
                 {
                     ("C-E1", "瑞金医院", "east"), ("C-E2", "华山医院", "east"), ("C-N1", "协和医院", "north"),
                 })
        {
            var record = await RecordSeed.CreateAsync(app, "customer", new JsonObject
            {
                ["code"] = code, ["name"] = name, ["region"] = region, ["creditLimit"] = 500_000m,
            });
            ids[code] = record.Id;
        }

        return ids;
    }

    private static JsonObject Order(string region, decimal total) => new()
    {
        ["customer"] = region == "east" ? "C-E1" : "C-N1",
        ["customerName"] = region == "east" ? "华东医院" : "华北医院",
        ["region"] = region,
        ["total"] = total,
        ["lines"] = new JsonArray(new JsonObject { ["product"] = "P-1", ["unitPrice"] = 120.5m }),
    };

    private static string[] Codes(JsonObject page) =>
        [.. page["items"]!.AsArray().Select(item => item!["data"]!["code"]!.GetValue<string>())];
}
