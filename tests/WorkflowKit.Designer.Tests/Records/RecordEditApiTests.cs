using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Designer.Tests.Api;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Records;

/// <summary>
/// <c>PUT /api/records/{form}/{id}</c> on the built-in stock batch form: the warehouse role's update rule lets its
/// users correct a batch, a stale version is a conflict that names who changed the record, and roles without an
/// update rule are refused.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class RecordEditApiTests
{
    [Test]
    public async Task Warehouse_user_corrects_expiry_date()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        var batch = await SeedBatchAsync(app);
        using var warehouse = await ApiAccessTests.ClientForAsync(app, "warehouse1");

        using var response = await warehouse.PutAsJsonAsync(
            $"/api/records/stock-batch/{batch}", Edit(1, new JsonObject { ["expiryDate"] = "2027-09-30" }));
        var body = await response.Content.ReadAsStringAsync();
        var history = await warehouse.GetFromJsonAsync<JsonArray>($"/api/records/stock-batch/{batch}/history");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var stored = JsonNode.Parse(body)!;
        Assert.That(stored["version"]!.GetValue<long>(), Is.EqualTo(2));
        Assert.That(stored["data"]!["expiryDate"]!.GetValue<string>(), Is.EqualTo("2027-09-30"));
        Assert.That(stored["data"]!["quantity"]!.GetValue<decimal>(), Is.EqualTo(100m), "fields left out are kept");
        var update = history!.Single(entry => entry!["action"]!.GetValue<string>() == "update")!;
        Assert.That(update["userId"]!.GetValue<string>(), Is.EqualTo("warehouse1"));
        var change = update["changes"]!.AsArray().Single()!;
        Assert.That(change["field"]!.GetValue<string>(), Is.EqualTo("expiryDate"));
        Assert.That(change["oldValue"]!.GetValue<string>(), Is.EqualTo("2027-03-31"));
        Assert.That(change["newValue"]!.GetValue<string>(), Is.EqualTo("2027-09-30"));
    }

    [Test]
    public async Task Stale_version_is_409_naming_the_editor()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        var batch = await SeedBatchAsync(app);
        using var warehouse = await ApiAccessTests.ClientForAsync(app, "warehouse1");
        using var admin = await ApiAccessTests.ClientForAsync(app, "admin");
        using var first = await warehouse.PutAsJsonAsync(
            $"/api/records/stock-batch/{batch}", Edit(1, new JsonObject { ["quantity"] = 90 }));

        using var stale = await admin.PutAsJsonAsync(
            $"/api/records/stock-batch/{batch}", Edit(1, new JsonObject { ["quantity"] = 80 }));
        var problem = JsonNode.Parse(await stale.Content.ReadAsStringAsync())!;
        var stored = await admin.GetFromJsonAsync<JsonObject>($"/api/records/stock-batch/{batch}");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), problem.ToJsonString());
        Assert.That(problem["code"]!.GetValue<string>(), Is.EqualTo("record-changed"));
        Assert.That(problem["changedBy"]!.GetValue<string>(), Is.EqualTo("warehouse1"));
        Assert.That(problem["changedAt"], Is.Not.Null);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("warehouse1"));
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(" UTC"));
        Assert.That(stored!["data"]!["quantity"]!.GetValue<decimal>(), Is.EqualTo(90m));
    }

    [Test]
    public async Task Conflict_detail_follows_the_language()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        var batch = await SeedBatchAsync(app);
        using var warehouse = await ApiAccessTests.ClientForAsync(app, "warehouse1");
        await warehouse.PutAsJsonAsync(
            $"/api/records/stock-batch/{batch}", Edit(1, new JsonObject { ["quantity"] = 90 }));
        using var chinese = await ApiAccessTests.ClientForAsync(app, "admin");
        chinese.DefaultRequestHeaders.AcceptLanguage.Clear();
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        using var stale = await chinese.PutAsJsonAsync(
            $"/api/records/stock-batch/{batch}", Edit(1, new JsonObject { ["quantity"] = 80 }));
        var problem = JsonNode.Parse(await stale.Content.ReadAsStringAsync())!;

        Assert.That(problem["detail"]!.GetValue<string>(), Does.StartWith($"记录 stock-batch/{batch} 已被 warehouse1 于 "));
        Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("冲突"));
    }

    [Test]
    public async Task Edit_without_update_rule_is_403()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        var batch = await SeedBatchAsync(app);
        using var sales = await ApiAccessTests.ClientForAsync(app, "sales1");

        using var response = await sales.PutAsJsonAsync(
            $"/api/records/stock-batch/{batch}", Edit(1, new JsonObject { ["quantity"] = 1 }));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(problem["code"]!.GetValue<string>(), Is.EqualTo("record-not-editable"));
    }

    [Test]
    public async Task Edit_of_unreadable_record_is_404()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        var north = (await RecordApiTests.SeedCustomersAsync(app))["C-N1"];
        using var sales = await ApiAccessTests.ClientForAsync(app, "sales1");

        using var response = await sales.PutAsJsonAsync(
            $"/api/records/customer/{north}", Edit(1, new JsonObject { ["name"] = "改名" }));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(problem["code"]!.GetValue<string>(), Is.EqualTo("record-not-found"));
    }

    [Test]
    public async Task Edit_without_version_is_400()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        var batch = await SeedBatchAsync(app);
        using var warehouse = await ApiAccessTests.ClientForAsync(app, "warehouse1");

        using var response = await warehouse.PutAsJsonAsync(
            $"/api/records/stock-batch/{batch}", new JsonObject { ["data"] = new JsonObject { ["quantity"] = 1 } });
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem["code"]!.GetValue<string>(), Is.EqualTo("expected-version-missing"));
    }

    [Test]
    public async Task Edit_breaking_a_rule_is_422()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        var batch = await SeedBatchAsync(app);
        using var warehouse = await ApiAccessTests.ClientForAsync(app, "warehouse1");

        using var response = await warehouse.PutAsJsonAsync(
            $"/api/records/stock-batch/{batch}", Edit(1, new JsonObject { ["reservedQuantity"] = 500 }));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var stored = await warehouse.GetFromJsonAsync<JsonObject>($"/api/records/stock-batch/{batch}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), problem.ToJsonString());
        Assert.That(problem["errors"]!["reservedQuantity"], Is.Not.Null);
        Assert.That(stored!["version"]!.GetValue<long>(), Is.EqualTo(1));
    }

    [Test]
    public async Task Edit_of_serial_or_formula_is_422()
    {
        await using var app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        var batch = await SeedBatchAsync(app);
        using var warehouse = await ApiAccessTests.ClientForAsync(app, "warehouse1");

        using var response = await warehouse.PutAsJsonAsync(
            $"/api/records/stock-batch/{batch}", Edit(1, new JsonObject { ["availableQuantity"] = 7 }));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), problem.ToJsonString());
        Assert.That(problem["errors"]!["availableQuantity"], Is.Not.Null);
    }

    internal static async Task<long> SeedBatchAsync(DesignerAppFactory app, string batchNo = "B-2026-001")
    {
        var record = await RecordSeed.CreateAsync(app, "stock-batch", new JsonObject
        {
            ["batchNo"] = batchNo, ["product"] = "IVD-0001", ["productName"] = "乙肝检测试剂盒", ["warehouse"] = "sh",
            ["quantity"] = 100, ["reservedQuantity"] = 0, ["availableQuantity"] = 100, ["expiryDate"] = "2027-03-31",
            ["status"] = "available", ["expiryAlert"] = "none",
        });
        return record.Id;
    }

    private static JsonObject Edit(long version, JsonObject data) =>
        new() { ["expectedVersion"] = version, ["data"] = data };
}
