using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>
/// The template's order form has cross-field rules (delivery not before the order date). The designer's own
/// validation, which the start page, the task page, the form designer and the import preview use, runs them and
/// reports the rule's message instead of failing.
/// </summary>
[TestFixture]
public sealed class CrossFieldRuleTests
{
    private DesignerAppFactory _app = default!;

    [OneTimeSetUp]
    public void StartApp() => _app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());

    [OneTimeTearDown]
    public async Task StopAppAsync() => await _app.DisposeAsync();

    [Test]
    public async Task Broken_rule_reports_its_message()
    {
        var form = await OrderFormAsync();
        var validation = _app.Services.GetRequiredService<IFormValidationService>();

        var errors = await validation.ValidateAsync(form, Order("2026-12-05", "2026-12-01"), "zh-CN", default);

        Assert.That(errors.Select(error => error.Message), Has.Some.EqualTo("要求到货日期不能早于订单日期"));
    }

    [Test]
    public async Task Kept_rule_reports_nothing_of_it()
    {
        var form = await OrderFormAsync();
        var validation = _app.Services.GetRequiredService<IFormValidationService>();

        var errors = await validation.ValidateAsync(form, Order("2026-12-05", "2026-12-09"), "en", default);

        Assert.That(errors.Select(error => error.Message), Has.None.Contains("delivery date"));
    }

    [Test]
    public async Task Api_start_with_broken_rule_is_refused()
    {
        using var client = _app.CreateClient();
        var key = await _app.Services.GetRequiredService<AccountStore>().CreateApiKeyAsync("sales1", "test", default);
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        using var response = await client.PostAsJsonAsync(
            "/api/instances", new { flowKey = "order-to-shipment", data = Order("2026-12-05", "2026-12-01") });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), await response.Content.ReadAsStringAsync());
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("requestedDeliveryDate"));
    }

    private async Task<FormDefinition> OrderFormAsync()
    {
        var definitions = _app.Services.GetRequiredService<IDefinitionService>();
        var history = await definitions.GetHistoryAsync(DefinitionKind.Form, "order", default);
        var json = await definitions.GetVersionJsonAsync(DefinitionKind.Form, "order", history.Max(version => version.Version), default);
        return DefinitionJson.Deserialize<FormDefinition>(json!);
    }

    private static JsonObject Order(string orderDate, string deliveryDate) => new()
    {
        ["customer"] = "C0001",
        ["orderDate"] = orderDate,
        ["requestedDeliveryDate"] = deliveryDate,
        ["lines"] = new JsonArray(new JsonObject { ["product"] = "IVD-0001", ["quantity"] = 2, ["unitPrice"] = 10 }),
    };
}
