using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using static WorkflowKit.Samples.Tests.Templates.FlowScriptHarness;

namespace WorkflowKit.Samples.Tests.Templates;

public sealed class CreditScriptTests
{
    private const string Review = "customer-credit-review";

    [Test]
    public void Aggregate_ProfileFromErpAndLedger()
    {
        var records = new JsonObject
        {
            ["receivable"] = new JsonArray(
                Receivable("C0001", "R1", 30_000m, 0m, Date(-30)),
                Receivable("C0001", "R2", 50_000m, 50_000m, Date(-60)),
                Receivable("C0001", "R3", 40_000m, 10_000m, Date(80)),
                Receivable("C0002", "R4", 70_000m, 0m, Date(-300))),
            ["overdue-record"] = new JsonArray(
                Overdue("C0001", "R1", 99_999m, Date(-30)),
                Overdue("C0001", "LG-1", 5_000m, Date(-200))),
            ["credit-profile"] = new JsonArray(),
        };
        var form = new JsonObject { ["code"] = "C0001", ["creditLimit"] = 100_000m, ["creditStatus"] = "normal" };

        var result = Run(Review, "aggregate", form, records);

        var profile = result.Vars["profile"]!;
        Assert.That(Number(profile["exposure"]), Is.EqualTo(65_000m));
        Assert.That(Number(profile["overdueCount"]), Is.EqualTo(2m));
        Assert.That(Number(profile["overdueAmount"]), Is.EqualTo(35_000m));
        Assert.That(Number(profile["maxDaysPastDue"]), Is.EqualTo(200m));
        Assert.That(Number(profile["utilisation"]), Is.EqualTo(65m));
        Assert.That(Text(profile["riskLevel"]), Is.EqualTo("high"));
        Assert.That(Text(profile["warning"]), Does.Contain("逾期 2 笔").And.Contain("最长逾期 200 天"));
        Assert.That(result.Vars["exceedsLimit"]!.GetValue<bool>(), Is.False);
        Assert.That(result.Vars["profileExists"]!.GetValue<bool>(), Is.False);
        Assert.That(Text(result.Vars["today"]), Is.EqualTo(Date(0)));
        Assert.That(Text(result.Form["creditStatus"]), Is.EqualTo("blocked"));
    }

    [TestCase(30, 50_000, "normal")]
    [TestCase(-10, 50_000, "watch")]
    [TestCase(30, 85_000, "watch")]
    [TestCase(-91, 50_000, "restricted")]
    [TestCase(30, 120_000, "restricted")]
    [TestCase(-181, 50_000, "blocked")]
    public void Aggregate_ProposesStatus(int dueInDays, int openAmount, string expected)
    {
        var records = new JsonObject
        {
            ["receivable"] = new JsonArray(Receivable("C0001", "R1", openAmount, 0m, Date(dueInDays))),
            ["overdue-record"] = new JsonArray(),
            ["credit-profile"] = new JsonArray(new JsonObject { ["customer"] = "C0001" }),
        };
        var form = new JsonObject { ["code"] = "C0001", ["creditLimit"] = 100_000m };

        var result = Run(Review, "aggregate", form, records);

        Assert.That(Text(result.Form["creditStatus"]), Is.EqualTo(expected));
        Assert.That(result.Vars["profileExists"]!.GetValue<bool>(), Is.True);
        Assert.That(result.Vars["exceedsLimit"]!.GetValue<bool>(), Is.EqualTo(openAmount > 100_000));
    }

    [Test]
    public void Sweep_FlagsLongOverdueHighUseAndStale()
    {
        var records = new JsonObject
        {
            ["customer"] = new JsonArray(
                Customer("C0001", 100_000m, Date(-20)),
                Customer("C0002", 100_000m, Date(-20)),
                Customer("C0003", 100_000m, Date(-400)),
                Customer("C0004", 100_000m, Date(-20))),
            ["receivable"] = new JsonArray(
                Receivable("C0001", "R1", 10_000m, 0m, Date(-45)),
                Receivable("C0002", "R2", 85_000m, 0m, Date(30)),
                Receivable("C0004", "R4", 10_000m, 0m, Date(-10))),
            ["overdue-record"] = new JsonArray(),
        };

        var result = Run(Review, "sweep", [], records);

        Assert.That(result.Vars["flagged"]!.AsArray().Select(Text), Is.EqualTo(new[] { "C0001", "C0002", "C0003" }));
        Assert.That(Number(result.Vars["flaggedCount"]), Is.EqualTo(3m));
        Assert.That(Text(result.Vars["sweepSummary"]), Does.Contain("C0003").And.Contain("超过一年未审核"));
    }

    [TestCase("watchUtilisation", 90, 30, 85_000, "watch", "normal")]
    [TestCase("restrictUtilisation", 130, 30, 120_000, "restricted", "watch")]
    [TestCase("restrictOverdueDays", 120, -100, 50_000, "restricted", "watch")]
    [TestCase("blockOverdueDays", 365, -200, 50_000, "blocked", "restricted")]
    public void Aggregate_FollowsChangedParameter(
        string parameter, int value, int dueInDays, int openAmount, string before, string after)
    {
        JsonObject Records() => new()
        {
            ["receivable"] = new JsonArray(Receivable("C0001", "R1", openAmount, 0m, Date(dueInDays))),
            ["overdue-record"] = new JsonArray(),
            ["credit-profile"] = new JsonArray(),
        };
        JsonObject Form() => new() { ["code"] = "C0001", ["creditLimit"] = 100_000m };

        var published = Run(Review, "aggregate", Form(), Records());
        var changed = Run(Review, "aggregate", Form(), Records(),
            edit: flow => flow.Parameters!.Single(p => p.Id == parameter).Value = value);

        Assert.That(Text(published.Form["creditStatus"]), Is.EqualTo(before));
        Assert.That(Text(changed.Form["creditStatus"]), Is.EqualTo(after));
    }

    [Test]
    public void Sweep_FollowsChangedParameters()
    {
        var records = new JsonObject
        {
            ["customer"] = new JsonArray(
                Customer("C0001", 100_000m, Date(-20)),
                Customer("C0002", 100_000m, Date(-20)),
                Customer("C0003", 100_000m, Date(-400))),
            ["receivable"] = new JsonArray(
                Receivable("C0001", "R1", 10_000m, 0m, Date(-45)),
                Receivable("C0002", "R2", 75_000m, 0m, Date(30))),
            ["overdue-record"] = new JsonArray(),
        };

        var result = Run(Review, "sweep", [], records, edit: flow =>
        {
            flow.Parameters!.Single(p => p.Id == "sweepOverdueDays").Value = 60;
            flow.Parameters!.Single(p => p.Id == "watchUtilisation").Value = 70;
            flow.Parameters!.Single(p => p.Id == "reviewIntervalDays").Value = 500;
        });

        Assert.That(result.Vars["flagged"]!.AsArray().Select(Text), Is.EqualTo(new[] { "C0002" }));
    }

    [Test]
    public void Thresholds_are_declared_once()
    {
        var path = Path.Combine(TestPaths.TemplatePackage, "flows", Review + ".flow.json");
        var flow = DefinitionJson.Deserialize<FlowDefinition>(File.ReadAllText(path));

        foreach (var node in flow.Nodes.Where(node => node.Script is not null))
        {
            Assert.That(node.Script, Does.Not.Match(@"(utilisation|DaysPastDue|daysPast\([^)]*\)) *[<>]=? *[1-9]"),
                $"Node {node.Id} compares with a number literal; read the threshold from params instead.");
        }

        Assert.That(flow.Parameters!.Select(p => p.Id), Is.Unique);
    }

    internal static JsonObject Customer(string code, decimal limit, string lastReviewedOn) => new()
    {
        ["code"] = code,
        ["name"] = "客户" + code,
        ["region"] = "east",
        ["creditLimit"] = limit,
        ["approvedLimit"] = limit,
        ["creditStatus"] = "normal",
        ["paymentTermDays"] = 90,
        ["minShelfLifeDays"] = 90,
        ["lastReviewedOn"] = lastReviewedOn,
    };

    internal static JsonObject Receivable(string customer, string invoice, decimal amount, decimal paid, string due) =>
        new()
        {
            ["customer"] = customer,
            ["invoiceNo"] = invoice,
            ["amount"] = amount,
            ["paidAmount"] = paid,
            ["dueDate"] = due,
        };

    private static JsonObject Overdue(string customer, string invoice, decimal amount, string due) => new()
    {
        ["customer"] = customer,
        ["invoiceNo"] = invoice,
        ["overdueAmount"] = amount,
        ["dueDate"] = due,
    };
}
