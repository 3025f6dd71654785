using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Records;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// The lookup picker of the work portal on the built-in templates: the order's customer code lists the customers the
/// salesperson may read, found by name, picking one fills the customer name, and a lookup column of a sub-table lists
/// products in each row.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class LookupPickerBrowserTests
{
    private const string SampleFormKey = "sample-request";
    private const string SampleFlowKey = "sample-request";

    private BrowserSession _session = default!;
    private bool _sampleRequestReady;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var templates = DesignerAppFactory.RepositoryTemplates();
        if (!Directory.Exists(templates))
        {
            Assert.Ignore($"No built-in templates at {templates}.");
        }

        _session = await BrowserSession.StartAsync(templates);
        await CreateCustomerAsync("C0701", "east", "Ruijin Hospital");
        await CreateCustomerAsync("C0702", "north", "Ruijin North Clinic");
        await CreateCustomerAsync("C0703", "east", "Huashan Clinic");
        await CreateAsync("regional-price", RecordSeed.RegionalPrice("IVD-0701", "east", 11m));
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
    public async Task Customer_picked_by_name_starts_order()
    {
        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync("/start/order-to-shipment");
        await Assertions.Expect(sales.Locator("[data-field=orderDate] input")).Not.ToHaveValueAsync(string.Empty);

        await sales.Locator("[data-field=customer] input").PressSequentiallyAsync("ruijin");
        var choices = Choices(sales);
        await Assertions.Expect(choices).ToHaveCountAsync(1);
        await Assertions.Expect(choices.First).ToHaveTextAsync(new Regex("C0701\\s*Ruijin Hospital"));
        await choices.First.ClickAsync();

        await Assertions.Expect(sales.Locator("[data-field=customer] input")).ToHaveValueAsync("C0701");
        await Assertions.Expect(sales.Locator("[data-field=customer]")).ToContainTextAsync("Ruijin Hospital");
        await Assertions.Expect(sales.Locator("[data-field=customerName] input")).ToHaveValueAsync("Ruijin Hospital");
        await _session.ScreenshotAsync(sales, "40-customer-picked");
        await sales.GetByText("添加行").ClickAsync();
        var row = sales.Locator("[data-field=lines] tr[data-row='1']");
        await row.Locator("[data-field=product] input").FillAsync("IVD-0701");
        await row.Locator("[data-field=quantity] input").FillAsync("2");
        await row.Locator("[data-field=unitPrice] input").FillAsync("11");
        await row.Locator("[data-field=unitPrice] input").PressAsync("Tab");
        await sales.GetByTestId("submit").ClickAsync();

        // The first order start of a fresh app can take longer than Playwright's default 5 s expectation timeout.
        await Assertions.Expect(sales).ToHaveURLAsync(new Regex("/instances/[0-9a-f]+$"), new() { Timeout = 20_000 });
        await Assertions.Expect(sales.Locator("[data-field=customer] input")).ToHaveValueAsync("C0701");
        await Assertions.Expect(sales.Locator("[data-field=customer]")).ToContainTextAsync("Ruijin Hospital");
        await _session.ScreenshotAsync(sales, "41-instance-customer-title");
        var instanceId = new Uri(sales.Url).Segments[^1];
        var instance = await _session.Get<WorkflowEngine>().GetInstanceAsync(instanceId, default);
        Assert.That(instance!.Instance.Form["customer"]?.GetValue<string>(), Is.EqualTo("C0701"));
        Assert.That(instance.Instance.Form["region"]?.GetValue<string>(), Is.EqualTo("east"));
    }

    [Test]
    public async Task Other_region_customer_not_offered()
    {
        var east = await _session.SignInAsync("sales1");
        var north = await _session.SignInAsync("sales2");
        await east.GotoAsync("/start/order-to-shipment");
        await north.GotoAsync("/start/order-to-shipment");

        await east.Locator("[data-field=customer] input").PressSequentiallyAsync("North");
        await north.Locator("[data-field=customer] input").PressSequentiallyAsync("Ruijin");

        await Assertions.Expect(east.GetByTestId("lookup-no-choices")).ToBeVisibleAsync();
        await Assertions.Expect(Choices(east)).ToHaveCountAsync(0);
        var northChoices = Choices(north);
        await Assertions.Expect(northChoices).ToHaveCountAsync(1);
        await Assertions.Expect(northChoices.First).ToHaveAttributeAsync("data-value", "C0702");
    }

    [Test]
    public async Task Typed_code_of_other_region_is_rejected()
    {
        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync("/start/order-to-shipment");

        // Earlier tests of this fixture leave a draft of this start form, which the page restores; start empty.
        await Assertions.Expect(sales.Locator("[data-field=customer] input")).ToBeVisibleAsync();
        if (await sales.GetByTestId("draft-discard").CountAsync() > 0)
        {
            await sales.GetByTestId("draft-discard").ClickAsync();
            await Assertions.Expect(sales.GetByTestId("draft-restored")).ToHaveCountAsync(0);
        }

        await sales.Locator("[data-field=customer] input").FillAsync("C0702");
        await sales.Locator("[data-field=customer] input").PressAsync("Tab");
        await sales.GetByText("添加行").ClickAsync();
        var row = sales.Locator("[data-field=lines] tr[data-row='1']");
        await row.Locator("[data-field=product] input").FillAsync("IVD-0701");
        await row.Locator("[data-field=quantity] input").FillAsync("1");
        await row.Locator("[data-field=unitPrice] input").FillAsync("11");
        await row.Locator("[data-field=unitPrice] input").PressAsync("Tab");
        await sales.GetByTestId("submit").ClickAsync();

        await Assertions.Expect(sales.GetByText(new Regex("C0702")).First).ToBeVisibleAsync();
        Assert.That(sales.Url, Does.EndWith("/start/order-to-shipment"));
        await Assertions.Expect(sales.Locator("[data-field=customer] input")).ToHaveValueAsync("C0702");
    }

    [Test]
    public async Task Sub_table_row_picks_product()
    {
        await PrepareSampleRequestAsync();
        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync($"/start/{SampleFlowKey}");

        await sales.GetByText("添加行").ClickAsync();
        await sales.GetByText("添加行").ClickAsync();
        var second = sales.Locator("[data-field=items] tr[data-row='2']");
        await second.Locator("[data-field=product] input").PressSequentiallyAsync("troponin");
        var choices = Choices(sales);
        await Assertions.Expect(choices).ToHaveCountAsync(1);
        await choices.First.ClickAsync();

        // The pick re-renders the form; typing in the other row before that ends can lose characters.
        await Assertions.Expect(second.Locator("[data-field=product] input")).ToHaveValueAsync("IVD-0712");
        await Assertions.Expect(choices).ToHaveCountAsync(0);
        var first = sales.Locator("[data-field=items] tr[data-row='1']");
        await first.Locator("[data-field=product] input").PressSequentiallyAsync("0711");
        await Assertions.Expect(first.Locator("[data-field=product] input")).ToHaveValueAsync("0711");
        await Assertions.Expect(choices).ToHaveCountAsync(1);
        await Assertions.Expect(choices.First).ToHaveAttributeAsync("data-value", "IVD-0711");
        await choices.First.ClickAsync();

        await Assertions.Expect(first.Locator("[data-field=product] input")).ToHaveValueAsync("IVD-0711");
        await Assertions.Expect(second.Locator("[data-field=product] input")).ToHaveValueAsync("IVD-0712");
        await Assertions.Expect(second.Locator("[data-field=product]")).ToContainTextAsync("Troponin I rapid test");
        await _session.ScreenshotAsync(sales, "42-sub-table-products-picked");
        await sales.GetByTestId("submit").ClickAsync();

        await Assertions.Expect(sales).ToHaveURLAsync(new Regex("/instances/[0-9a-f]+$"), new() { Timeout = 20_000 });
        var instanceId = new Uri(sales.Url).Segments[^1];
        var instance = await _session.Get<WorkflowEngine>().GetInstanceAsync(instanceId, default);
        var items = instance!.Instance.Form["items"]!.AsArray();
        Assert.That(items.Select(item => item?["product"]?.GetValue<string>()), Is.EqualTo(new[] { "IVD-0711", "IVD-0712" }));
        await Assertions.Expect(sales.Locator("[data-field=items] tr[data-row='2'] [data-field=product]"))
            .ToContainTextAsync("Troponin I rapid test");
    }

    [Test]
    public async Task Typing_right_after_pick_keeps_text()
    {
        await PrepareSampleRequestAsync();
        var sales = await _session.SignInAsync("sales1");
        await sales.GotoAsync($"/start/{SampleFlowKey}");
        await sales.GetByText("添加行").ClickAsync();
        await sales.GetByText("添加行").ClickAsync();
        var first = sales.Locator("[data-field=items] tr[data-row='1'] [data-field=product] input");
        var second = sales.Locator("[data-field=items] tr[data-row='2'] [data-field=product] input");

        // A person picks in one row and types in the next at once. Nothing waits for the pick to settle here.
        await second.PressSequentiallyAsync("troponin");
        var choices = Choices(sales);
        await Assertions.Expect(choices).ToHaveCountAsync(1);
        await choices.First.ClickAsync();
        await first.PressSequentiallyAsync("HbA1c reagent");

        await Assertions.Expect(first).ToHaveValueAsync("HbA1c reagent");
        await Assertions.Expect(second).ToHaveValueAsync("IVD-0712");
        await Assertions.Expect(sales.Locator("[data-field=items] tr[data-row='2'] [data-field=productName] input"))
            .ToHaveValueAsync("Troponin I rapid test");
        await Assertions.Expect(choices).ToHaveCountAsync(1);
        await Assertions.Expect(choices.First).ToHaveAttributeAsync("data-value", "IVD-0711");
    }

    /// <summary>
    /// The choices of the open list. A closed list can stay in the page, so a row's list could otherwise count the
    /// choices of the row before.
    /// </summary>
    private static ILocator Choices(IPage page) => page.Locator("[data-testid=lookup-choice]:visible");

    /// <summary>A product of the biopharma template, readable by sales (without its prices).</summary>
    private static System.Text.Json.Nodes.JsonObject Product(string code, string name) => new()
    {
        ["code"] = code,
        ["name"] = name,
        ["category"] = "ivdReagent",
        ["storageCondition"] = "cold",
        ["unit"] = "kit",
        ["unitPrice"] = 100m,
        ["leadTimeDays"] = 14,
        ["shelfLifeMonths"] = 12,
    };

    /// <summary>Publishes the sample request flow and creates its two products, once for the fixture.</summary>
    private async Task PrepareSampleRequestAsync()
    {
        if (_sampleRequestReady)
        {
            return;
        }

        await PublishSampleRequestAsync();
        await CreateAsync("product", Product("IVD-0711", "HbA1c reagent kit"));
        await CreateAsync("product", Product("IVD-0712", "Troponin I rapid test"));
        _sampleRequestReady = true;
    }

    /// <summary>A sample request flow whose items sub-table has a product column with a lookup of the product form.</summary>
    private async Task PublishSampleRequestAsync()
    {
        var form = new FormDefinition
        {
            Key = SampleFormKey,
            Name = new LocalizedText("样品申请", "Sample request"),
            Fields =
            [
                new FieldDefinition
                {
                    Id = "items", Type = FieldTypes.SubTable, Label = new LocalizedText("样品", "Samples"), Required = true,
                    Fields =
                    [
                        new FieldDefinition
                        {
                            Id = "product", Type = FieldTypes.Text, Label = new LocalizedText("产品编码", "Product code"),
                            Required = true,
                            Lookup = new RecordLookup
                            {
                                Form = "product", ValueField = "code",
                                Fill = new Dictionary<string, string>(StringComparer.Ordinal) { ["productName"] = "name" },
                            },
                        },
                        new FieldDefinition
                        {
                            Id = "productName", Type = FieldTypes.Text, Label = new LocalizedText("产品名称", "Product name"),
                        },
                    ],
                },
            ],
        };
        var flow = new FlowDefinition
        {
            Key = SampleFlowKey,
            Name = new LocalizedText("样品申请", "Sample request"),
            Form = SampleFormKey,
            Nodes =
            [
                new NodeDefinition { Id = "start", Type = NodeTypes.Start, Name = new LocalizedText("提交", "Submit"), Position = new NodePosition { X = 40, Y = 100 } },
                new NodeDefinition { Id = "end", Type = NodeTypes.End, Name = new LocalizedText("结束", "End"), Position = new NodePosition { X = 300, Y = 100 } },
            ],
            Edges = [new EdgeDefinition { Id = "e1", From = "start", To = "end" }],
        };
        var definitions = _session.Get<IDefinitionService>();
        await definitions.SaveDraftAsync(DefinitionKind.Form, SampleFormKey, DefinitionJson.Serialize(form), null, "owner", default);
        await definitions.PublishAsync(DefinitionKind.Form, SampleFormKey, "owner", null, default);
        await definitions.SaveDraftAsync(DefinitionKind.Flow, SampleFlowKey, DefinitionJson.Serialize(flow), null, "owner", default);
        var result = await definitions.PublishAsync(DefinitionKind.Flow, SampleFlowKey, "owner", null, default);
        Assert.That(result.Published, Is.True, string.Join("; ", result.Diagnostics.Select(d => d.Message)));
    }

    private Task CreateCustomerAsync(string code, string region, string name)
    {
        var customer = RecordSeed.Customer(code, region);
        customer["name"] = name;
        return CreateAsync("customer", customer);
    }

    private Task<RecordEntry> CreateAsync(string formKey, System.Text.Json.Nodes.JsonObject data) =>
        RecordSeed.CreateAsync(_session.App, formKey, data);
}
