using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Designer.Forms;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Forms;

/// <summary>
/// The records that a lookup field of the work portal offers, on the built-in templates' customer form and its data
/// permissions: a salesperson finds the customers of their own region only, by code or by name in any case, and a pick
/// fills fields from the customer only when the salesperson may read it.
/// </summary>
[TestFixture]
public sealed class LookupChoicesTests
{
    private static readonly RecordLookup Customer = new() { Form = "customer", ValueField = "code" };

    private DesignerAppFactory _app = default!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _app = new DesignerAppFactory(templates: DesignerAppFactory.RepositoryTemplates());
        await CreateCustomerAsync("C0201", "east", "Ruijin Hospital");
        await CreateCustomerAsync("C0202", "east", "Huashan Clinic");
        await CreateCustomerAsync("C0203", "north", "Ruijin North Clinic");
        for (var index = 0; index < LookupChoices.MaxChoices + 5; index++)
        {
            await CreateCustomerAsync($"C03{index:D2}", "east", $"Bulk customer {index}");
        }
    }

    [OneTimeTearDown]
    public async Task StopAppAsync() => await _app.DisposeAsync();

    [Test]
    public async Task Name_search_leaves_out_other_region()
    {
        var east = await SearchAsync("sales1", "Ruijin");
        var north = await SearchAsync("sales2", "Ruijin");

        Assert.That(east, Is.EqualTo(new[] { new LookupChoice("C0201", "Ruijin Hospital") }));
        Assert.That(north, Is.EqualTo(new[] { new LookupChoice("C0203", "Ruijin North Clinic") }));
    }

    [Test]
    public async Task Code_search_leaves_out_other_region()
    {
        var choices = await SearchAsync("sales1", "c020");

        Assert.That(choices.Select(choice => choice.Value), Is.EqualTo(new[] { "C0201", "C0202" }));
    }

    [Test]
    public async Task Lower_case_name_finds_record()
    {
        var choices = await SearchAsync("sales1", "huashan cl");

        Assert.That(choices, Is.EqualTo(new[] { new LookupChoice("C0202", "Huashan Clinic") }));
    }

    [Test]
    public async Task Mixed_case_name_finds_record()
    {
        var choices = await SearchAsync("sales1", "rUIJIN hOSP");

        Assert.That(choices, Is.EqualTo(new[] { new LookupChoice("C0201", "Ruijin Hospital") }));
    }

    [Test]
    public async Task Fill_copies_readable_record_fields()
    {
        var lookup = _app.Services.GetRequiredService<LookupChoices>();
        var filling = new RecordLookup
        {
            Form = "customer", ValueField = "code",
            Fill = new() { ["customerName"] = "name", ["limit"] = "creditLimit" },
        };

        var own = await lookup.FillAsync(filling, "sales1", "C0201", default);
        var other = await lookup.FillAsync(filling, "sales1", "C0203", default);
        var none = await lookup.FillAsync(Customer, "sales1", "C0201", default);

        Assert.That(own.Keys, Is.EquivalentTo(new[] { "customerName", "limit" }));
        Assert.That(own["customerName"]!.GetValue<string>(), Is.EqualTo("Ruijin Hospital"));
        Assert.That(own["limit"]!.GetValue<decimal>(), Is.EqualTo(1_000_000m));
        Assert.That(other, Is.Empty);
        Assert.That(none, Is.Empty);
    }

    [Test]
    public async Task Find_returns_readable_record_only()
    {
        var lookup = _app.Services.GetRequiredService<LookupChoices>();

        var own = await lookup.FindAsync(Customer, "sales1", "C0201", default);
        var other = await lookup.FindAsync(Customer, "sales1", "C0203", default);
        var unknownUser = await lookup.FindAsync(Customer, "LookupUser", "C0201", default);

        Assert.That(own, Is.EqualTo(new LookupChoice("C0201", "Ruijin Hospital")));
        Assert.That(other, Is.Null);
        Assert.That(unknownUser, Is.Null);
    }

    [Test]
    public async Task Empty_search_lists_first_records_by_code()
    {
        var choices = await SearchAsync("sales2", " ");
        var many = await SearchAsync("sales1", null);

        Assert.That(choices.Select(choice => choice.Value), Is.EqualTo(new[] { "C0203" }));
        Assert.That(many, Has.Count.EqualTo(LookupChoices.MaxChoices));
        Assert.That(many.Select(choice => choice.Value), Is.Ordered);
        Assert.That(many.Select(choice => choice.Value), Has.None.EqualTo("C0203"));
    }

    private async Task<IReadOnlyList<LookupChoice>> SearchAsync(string userId, string? text) =>
        await _app.Services.GetRequiredService<LookupChoices>().SearchAsync(Customer, userId, text, default);

    private async Task CreateCustomerAsync(string code, string region, string name)
    {
        var customer = RecordSeed.Customer(code, region);
        customer["name"] = name;
        await RecordSeed.CreateAsync(_app, "customer", customer);
    }
}
