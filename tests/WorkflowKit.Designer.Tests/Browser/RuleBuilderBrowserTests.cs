using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The form designer's rule builder on the template order form. The rule "requested delivery date at least order date"
/// shows the order date in a field picker, and saving keeps the rule as it is. The owner can then pick another field
/// or switch to a fixed value.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RuleBuilderBrowserTests
{
    private const string FormKey = "order";

    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _session = await BrowserSession.StartAsync(DesignerAppFactory.RepositoryTemplates());

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
    public async Task Field_comparison_shows_picker_and_saves()
    {
        var before = await DeliveryRuleAsync();
        var owner = await _session.SignInAsync("owner");
        await owner.GotoAsync($"/design/forms/{FormKey}");
        // The delivery date rule is the form's first rule, and only its second group compares with a value.
        var builder = owner.GetByTestId("rule-builder").First;
        var picker = builder.GetByTestId("rule-value-field");

        await Expect(picker).ToBeVisibleAsync();
        Assert.That(await InputValueAsync(picker), Is.EqualTo("订单日期"));
        Assert.That(await InputValueAsync(builder.GetByTestId("rule-value-source")), Is.EqualTo("另一个字段"));

        await SaveAsync(owner);
        Assert.That(JsonNode.DeepEquals(await DeliveryRuleAsync(), before), Is.True, "the rule after an unchanged save");

        await ChooseAsync(owner, picker, "发货日期");
        await SaveAsync(owner);
        var picked = (await DeliveryRuleAsync())!.AsObject();
        Assert.That(picked["valueField"]?.GetValue<string>(), Is.EqualTo("shippedDate"));
        Assert.That(picked.ContainsKey("value"), Is.False);

        await ChooseAsync(owner, builder.GetByTestId("rule-value-source"), "固定值");
        var valueBox = builder.GetByTestId("rule-value").Locator("xpath=descendant-or-self::input");
        await valueBox.FillAsync("2026-12-31");
        await valueBox.BlurAsync();
        await Expect(builder.GetByTestId("rule-value-field")).ToHaveCountAsync(0);
        await SaveAsync(owner);
        var fixedValue = (await DeliveryRuleAsync())!.AsObject();
        Assert.That(fixedValue.ContainsKey("valueField"), Is.False);
        Assert.That(fixedValue["value"]?.GetValue<string>(), Is.EqualTo("2026-12-31"));
    }

    // The draft's second rule of the delivery date check, as stored: the field comparison.
    private async Task<JsonNode?> DeliveryRuleAsync()
    {
        var draft = await _session.Get<IDefinitionService>().GetDraftAsync(DefinitionKind.Form, FormKey, default);
        var form = JsonNode.Parse(draft!.Json)!;
        var rule = form["rules"]!.AsArray().Single(candidate => candidate?["id"]?.GetValue<string>() == "deliveryNotBeforeOrder");
        return rule!["condition"]!["any"]![1]!["all"]![0]!.DeepClone();
    }

    // Clicks "save draft" and waits until the stored draft has a new revision.
    private async Task SaveAsync(IPage page)
    {
        var definitions = _session.Get<IDefinitionService>();
        var before = (await definitions.GetDraftAsync(DefinitionKind.Form, FormKey, default))?.Revision;
        await page.GetByTestId("save-form").ClickAsync();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await definitions.GetDraftAsync(DefinitionKind.Form, FormKey, default))?.Revision != before)
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"The draft of form {FormKey} kept revision {before} for 20 s after \"save draft\".");
    }

    // The text a select shows: an input's value, or the text of the element that shows the selection.
    private static async Task<string> InputValueAsync(ILocator select) =>
        await select.EvaluateAsync<string>("e => e.tagName === 'INPUT' ? e.value : e.textContent.trim()");

    /// <summary>Opens a MudSelect and picks the item with the given text.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string itemText)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(itemText, new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
