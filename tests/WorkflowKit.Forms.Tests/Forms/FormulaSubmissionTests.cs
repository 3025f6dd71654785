using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms.Tests.Support;

namespace WorkflowKit.Forms.Tests.Forms;

public sealed class FormulaSubmissionTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestWorld _world = null!;

    private static FormDefinition Quote()
    {
        var total = TestForms.Field("total", FieldTypes.Formula, "合计", "Total");
        total.Formula = new Expression { Formula = "qty * price" };
        total.Max = 1000;
        var status = TestForms.Field("status", FieldTypes.Text, "状态", "Status");
        status.Default = "draft";
        return new FormDefinition
        {
            Key = "quote",
            Fields =
            [
                TestForms.Field("qty", FieldTypes.Number, "数量", "Qty"),
                TestForms.Field("price", FieldTypes.Money, "单价", "Price"),
                total,
                status,
            ],
        };
    }

    [SetUp]
    public async Task SetUp()
    {
        _world = await TestWorld.CreateAsync(Quote());
        _world.AddAdmin("admin", "quote");
    }

    [TearDown]
    public async Task TearDown() => await _world.DisposeAsync();

    private static FormSubmissionContext Context => new("admin", CultureInfo.GetCultureInfo("en"));

    [Test]
    public async Task Server_computes_formulas_and_defaults_on_create()
    {
        var result = await _world.Submissions.CreateAsync(
            Quote(), new JsonObject { ["qty"] = 3, ["price"] = 19.99m, ["total"] = 1 }, Context, None);

        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.Record!.Data["total"]!.GetValue<decimal>(), Is.EqualTo(59.97m));
        Assert.That(result.Record.Data["status"]!.GetValue<string>(), Is.EqualTo("draft"));
    }

    [Test]
    public async Task Update_recomputes_and_validates_the_formula()
    {
        var created = await _world.Submissions.CreateAsync(
            Quote(), new JsonObject { ["qty"] = 3, ["price"] = 10m }, Context, None);

        var updated = await _world.Submissions.UpdateAsync(
            Quote(), created.Record!.Id, new JsonObject { ["qty"] = 5 }, null, Context, None);
        var tooBig = await _world.Submissions.UpdateAsync(
            Quote(), created.Record.Id, new JsonObject { ["qty"] = 500 }, null, Context, None);

        Assert.That(updated.Record!.Data["total"]!.GetValue<decimal>(), Is.EqualTo(50m));
        var history = await _world.Store.GetHistoryAsync("quote", created.Record.Id, None);
        Assert.That(history[^1].Changes.Select(c => c.Field), Is.EquivalentTo(new[] { "qty", "total" }));
        Assert.That(tooBig.Errors.Single().Message,
            Is.EqualTo("\"Total\" value 5000 is greater than the maximum 1000"));
    }
}
