using WorkflowKit.Import;

namespace WorkflowKit.Forms.Tests.Import;

/// <summary>Member and department cells may carry display names, as ERP and Excel exports do.</summary>
public sealed class MemberNameImportTests : PlanImportFixture
{
    [Test]
    public async Task Display_name_is_stored_as_id()
    {
        var result = await ImportAsync("code,quantity,buyer,team\nC0001,5,何明,华东销售部\n", En);

        var plan = (await PlansAsync()).Single();
        Assert.That(result.Errors, Is.Empty);
        Assert.That(plan["buyer"]!.GetValue<string>(), Is.EqualTo("sales-east-1"));
        Assert.That(plan["team"]!.GetValue<string>(), Is.EqualTo("sales-east"));
    }

    [Test]
    public async Task Id_wins_over_a_display_name()
    {
        var result = await ImportAsync("code,quantity,buyer\nC0001,5,lin\n", En);

        Assert.That(result.Errors, Is.Empty);
        Assert.That((await PlansAsync()).Single()["buyer"]!.GetValue<string>(), Is.EqualTo("lin"));
    }

    [Test]
    public async Task Shared_name_lists_the_candidates()
    {
        var result = await ImportAsync("code,quantity,buyer\nC0001,5,李伟\n", En);

        Assert.That(result.Errors.Single(), Is.EqualTo(new ImportRowError(
            2, "buyer", "李伟", "buyer", "ambiguous",
            "plans.csv row 2, column \"buyer\" (buyer): \"李伟\" is the name of 2 users (sales-north-2, " +
            "sales-south-3); write the id of the one you mean instead.") { File = "plans.csv" }));
        Assert.That(await PlansAsync(), Is.Empty);
    }

    [Test]
    public async Task Shared_department_name_in_chinese()
    {
        var result = await ImportAsync("code,quantity,team\nC0001,5,采购部\n", Zh);

        Assert.That(result.Errors.Single().Message, Is.EqualTo(
            "plans.csv 第 2 行，“team” 列 (team)：“采购部” 是 2 个部门的名称（buy-north、buy-south）；请改填其中一个部门的编号。"));
    }

    [Test]
    public async Task Unknown_name_keeps_the_exists_error()
    {
        var result = await ImportAsync("code,quantity,buyer\nC0001,5,张三\n", En);

        Assert.That(result.Errors.Single().Code, Is.EqualTo("exists"));
        Assert.That(result.Errors.Single().Message, Does.Contain("\"Buyer\": member \"张三\" does not exist"));
    }
}
