using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;
using static Microsoft.Playwright.Assertions;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// A process owner builds a form in the designer without JSON: a customer code that must be a customer's code and
/// fills the customer's name, a request date whose default is a formula, and a related customer record. The owner
/// is asked before an added rule is lost, and a corrected field id clears the error about the old one. A salesperson
/// then starts the published form and sees the default, the fill and the record picker.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FormLookupBrowserTests
{
    private const string FormKey = "sample-t20";
    private const string FlowKey = "sample-t20-flow";

    // MudBlazor puts a data-testid on the input itself or on its wrapper, depending on the component.
    private const string InputOrSelf = "xpath=descendant-or-self::input";

    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var templates = DesignerAppFactory.RepositoryTemplates();
        if (!Directory.Exists(templates))
        {
            Assert.Ignore($"No built-in templates at {templates}.");
        }

        _session = await BrowserSession.StartAsync(templates);
        var customer = RecordSeed.Customer("C0801", "east");
        customer["name"] = "Xinhua Hospital";
        await RecordSeed.CreateAsync(_session.App, "customer", customer);
    }

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
    public async Task Lookup_fill_and_default_built_and_started()
    {
        var owner = await _session.SignInAsync("owner");
        await owner.SetViewportSizeAsync(1400, 1000);
        await owner.GotoAsync("/design/forms");
        await owner.GetByTestId("new-key").Locator(InputOrSelf).FillAsync(FormKey);
        await owner.GetByTestId("new-name").Locator(InputOrSelf).FillAsync("样品申请T20");
        await owner.GetByTestId("new-form").ClickAsync();
        await Expect(owner).ToHaveURLAsync(new Regex($"/design/forms/{FormKey}$"));

        // Customer code and customer name, two text fields.
        await AddFieldAsync(owner, "单行文本", "客户编码", "customer");
        await AddFieldAsync(owner, "单行文本", "客户名称", "customerName");
        await owner.Locator("[data-testid=field-item][data-field-id=customer] button").First.ClickAsync();
        var properties = owner.GetByTestId("field-properties");
        await Expect(properties).ToHaveAttributeAsync("data-field-id", "customer");
        await ChooseAsync(owner, properties.GetByTestId("lookup-form"), "客户 (customer)");
        await Expect(properties.GetByTestId("lookup-value-field").Locator(InputOrSelf)).ToHaveValueAsync("客户编码 (code)");
        await ChooseAsync(owner, properties.GetByTestId("lookup-fill").GetByTestId("pair-new-left"), "客户名称 (customerName)");
        await ChooseAsync(owner, properties.GetByTestId("lookup-fill").GetByTestId("pair-new-right"), "客户名称 (name)");
        await properties.GetByTestId("lookup-fill").GetByTestId("pair-add").ClickAsync();
        await Expect(properties.GetByTestId("lookup-fill").GetByTestId("pair-row")).ToHaveCountAsync(1);
        await _session.ScreenshotAsync(owner, "t20-lookup-editor");

        // A date whose default is a formula. The id goes through an invalid value first.
        await AddFieldAsync(owner, "日期", "申请日期", "SUM(lines.qty)");
        await Expect(owner.GetByTestId("diagnostics")).ToContainTextAsync("SUM(lines.qty)");
        await owner.GetByTestId("field-properties").GetByTestId("field-id").Locator(InputOrSelf).FillAsync("requestDate");
        await owner.GetByTestId("field-properties").GetByTestId("field-id").Locator(InputOrSelf).PressAsync("Tab");
        await Expect(owner.GetByTestId("field-properties")).ToHaveAttributeAsync("data-field-id", "requestDate");
        await Expect(owner.GetByTestId("diagnostics")).Not.ToContainTextAsync("SUM(lines.qty)");
        properties = owner.GetByTestId("field-properties");
        await ChooseAsync(owner, properties.GetByTestId("default-mode"), "公式");
        var formula = properties.GetByTestId("default-formula").Locator(InputOrSelf);
        await formula.FillAsync("TODAY(");
        await formula.BlurAsync();
        await Expect(properties.GetByTestId("default-diagnostics")).ToContainTextAsync("申请日期");
        await Expect(owner.GetByTestId("publish-form")).ToBeDisabledAsync();
        await formula.FillAsync("TODAY()");
        await formula.BlurAsync();
        await Expect(properties.GetByTestId("default-diagnostics")).ToHaveCountAsync(0);
        var today = Regex.Escape(TodayInShanghai());
        await Expect(owner.GetByTestId("form-preview").Locator("[data-field=requestDate] input"))
            .ToHaveValueAsync(new Regex(today));

        // A related customer record.
        await AddFieldAsync(owner, "关联记录", "客户记录", "customerRecord");
        await ChooseAsync(owner, owner.GetByTestId("field-properties").GetByTestId("field-related-form"), "客户 (customer)");
        await owner.GetByTestId("save-form").ClickAsync();
        await Expect(owner.Locator(".mud-snackbar").Filter(new() { HasText = "草稿已保存" })).ToBeVisibleAsync();

        // An added rule marks the form unsaved, so closing the tab asks first.
        await owner.GetByTestId("add-rule").ClickAsync();
        await Expect(owner.GetByTestId("form-rule")).ToHaveCountAsync(1);
        var unloadPrompt = new TaskCompletionSource<IDialog>();
        void OnDialog(object? sender, IDialog dialog) => unloadPrompt.TrySetResult(dialog);
        owner.Dialog += OnDialog;
        await owner.CloseAsync(new() { RunBeforeUnload = true });
        var prompt = await unloadPrompt.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(prompt.Type, Is.EqualTo("beforeunload"));
        await prompt.DismissAsync();
        owner.Dialog -= OnDialog;
        Assert.That(owner.IsClosed, Is.False);
        await owner.GetByTestId("remove-rule").ClickAsync();

        await owner.GetByTestId("publish-form").ClickAsync();
        await owner.GetByTestId("publish-comment").Locator("xpath=descendant-or-self::textarea").FillAsync("客户查找");
        await owner.GetByTestId("publish-confirm").ClickAsync();
        await Expect(owner.Locator(".mud-snackbar").Filter(new() { HasText = "已发布版本 1。" })).ToBeVisibleAsync();

        var definitions = _session.Get<IDefinitionService>();
        var draft = await definitions.GetDraftAsync(DefinitionKind.Form, FormKey, default);
        var form = DefinitionJson.Deserialize<FormDefinition>(draft!.Json);
        var customer = form.Fields.Single(field => field.Id == "customer");
        Assert.That(customer.Lookup!.Form, Is.EqualTo("customer"));
        Assert.That(customer.Lookup.ValueField, Is.EqualTo("code"));
        Assert.That(customer.Lookup.Fill, Is.EqualTo(new Dictionary<string, string> { ["customerName"] = "name" }));
        Assert.That(form.Fields.Single(field => field.Id == "requestDate").DefaultExpression!.Formula, Is.EqualTo("TODAY()"));
        Assert.That(form.Rules ?? [], Is.Empty);

        var flow = TestPackages.OneStepFlow(
            FlowKey, new LocalizedText("样品申请T20", "Sample request T20"), FormKey, new LocalizedText("提交", "Submit"),
            new NodeDefinition
            {
                Id = "review", Type = NodeTypes.Approval, Name = new LocalizedText("经理审批", "Manager review"),
                Assignees = [new AssigneeRule { Type = AssigneeTypes.Role, Value = "sales-manager" }],
                ApprovalMode = ApprovalModes.Single,
            });
        await TestPackages.PublishFlowAsync(definitions, flow, "owner", "sample T20");

        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync($"/start/{FlowKey}");
        await Expect(sales.Locator("[data-field=requestDate] input")).ToHaveValueAsync(new Regex(today));
        await sales.Locator("[data-field=customer] input").PressSequentiallyAsync("Xinhua");
        var choices = sales.Locator("[data-testid=lookup-choice]:visible");
        await Expect(choices).ToHaveCountAsync(1);
        await choices.First.ClickAsync();
        await Expect(sales.Locator("[data-field=customer] input")).ToHaveValueAsync("C0801");
        await Expect(sales.Locator("[data-field=customerName] input")).ToHaveValueAsync("Xinhua Hospital");

        await sales.Locator("[data-field=customerRecord] input").PressSequentiallyAsync("Xinhua");
        var records = sales.Locator("[data-testid=related-choice]:visible");
        await Expect(records).ToHaveCountAsync(1);
        await records.First.ClickAsync();
        await Expect(sales.Locator("[data-field=customerRecord] input")).ToHaveValueAsync(new Regex("Xinhua Hospital"));
        await _session.ScreenshotAsync(sales, "t20-start-filled");

        await sales.GetByTestId("submit").ClickAsync();
        await Expect(sales).ToHaveURLAsync(new Regex("/instances/[0-9a-f]+$"), new() { Timeout = 20_000 });
        var instanceId = new Uri(sales.Url).Segments[^1];
        var instance = await _session.Get<WorkflowEngine>().GetInstanceAsync(instanceId, default);
        Assert.That(instance!.Instance.Form["customerName"]?.GetValue<string>(), Is.EqualTo("Xinhua Hospital"));
        Assert.That(instance.Instance.Form["requestDate"]?.GetValue<string>(), Is.EqualTo(TodayInShanghai()));
        Assert.That(instance.Instance.Form["customerRecord"]?.GetValue<long>(), Is.GreaterThan(0));
    }

    private static string TodayInShanghai() =>
        TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task AddFieldAsync(IPage page, string type, string label, string id)
    {
        await ChooseAsync(page, page.Locator(".mud-select").Filter(new() { HasText = "类型" }).First, type);
        var count = await page.GetByTestId("field-item").CountAsync();
        await page.GetByTestId("add-field").ClickAsync();
        await Expect(page.GetByTestId("field-item")).ToHaveCountAsync(count + 1);
        var properties = page.GetByTestId("field-properties");
        await properties.GetByTestId("field-label-zh").Locator(InputOrSelf).FillAsync(label);
        await properties.GetByTestId("field-id").Locator(InputOrSelf).FillAsync(id);
        await properties.GetByTestId("field-id").Locator(InputOrSelf).PressAsync("Tab");
        await Expect(properties).ToHaveAttributeAsync("data-field-id", id, new() { Timeout = 15_000 });
    }

    private static async Task ChooseAsync(IPage page, ILocator select, string item)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText(item, new() { Exact = true }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }
}
