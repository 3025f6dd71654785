using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Validation;
using WorkflowKit.Expressions;
using WorkflowKit.Forms;

namespace WorkflowKit.Samples.Tests.Templates;

public sealed class TemplatePackageTests
{
    private static readonly string[] Roles =
        ["admin", "process-owner", "sales", "sales-manager", "credit-officer", "finance", "warehouse", "purchasing"];

    [Test]
    public async Task Package_ValidatesClean()
    {
        var report = await DefinitionValidator.ValidatePackageAsync(TestPaths.TemplatePackage, CancellationToken.None);

        Assert.That(report.Diagnostics.Select(diagnostic => diagnostic.ToString()), Is.Empty);
        Assert.That(report.Documents, Has.Count.EqualTo(24));
    }

    [Test]
    public void Package_DefinesEightRoles()
    {
        Assert.That(TemplateForms.Manifest().Roles!.Select(role => role.Key), Is.EqualTo(Roles));
    }

    [TestCase("customer")]
    [TestCase("order")]
    [TestCase("regional-price")]
    [TestCase("credit-profile")]
    public void SalesPermission_RowsOfOwnRegion(string form)
    {
        var rule = TemplateForms.Manifest().Permissions!.Single(rule => rule.Role == "sales" && rule.Form == form);
        var rows = rule.Rows?.Any?.Single().All.Single();

        Assert.That(rows?.Field, Is.EqualTo("region"));
        Assert.That(rows?.Operator, Is.EqualTo(RuleOperators.Equal));
        Assert.That(rows?.ValueFrom, Is.EqualTo("user.region"));
    }

    [Test]
    public void SalesPermission_HidesProductCost()
    {
        var rules = TemplateForms.Manifest().Permissions!
            .Where(rule => rule.Form == "product" && rule.Role is "sales" or "sales-manager")
            .ToList();

        Assert.That(rules, Has.Count.EqualTo(2));
        Assert.That(rules.Select(rule => rule.HiddenFields), Has.All.Contains("unitCost"));
    }

    [Test]
    public void OrderForm_AmountAndTotalFormulas()
    {
        var order = TemplateForms.All()["order"];
        var lines = order.Fields.Single(field => field.Id == "lines");

        var amount = lines.Fields!.Single(field => field.Id == "amount");
        var total = order.Fields.Single(field => field.Id == "total");

        Assert.That(amount.Formula!.Formula, Is.EqualTo("quantity * unitPrice"));
        Assert.That(total.Formula!.Formula, Is.EqualTo("SUM(lines.amount)"));
    }

    [Test]
    public void OrderForm_ComputesSampleOrderTotal()
    {
        var order = TemplateForms.All()["order"];
        var graph = FormulaGraph.Build(order, new ExpressionFormulaEvaluator(
            new FormulaEngine(), new ScriptHost()));
        var data = new JsonObject
        {
            ["lines"] = new JsonArray(
                new JsonObject { ["product"] = "IVD-0001", ["quantity"] = 32, ["unitPrice"] = 1861.20m },
                new JsonObject { ["product"] = "IVD-0012", ["quantity"] = 97, ["unitPrice"] = 169.20m }),
        };

        graph.RecalculateAll(data, CancellationToken.None);

        Assert.That(data["lines"]![0]!["amount"]!.GetValue<decimal>(), Is.EqualTo(59_558.40m));
        Assert.That(data["lines"]![1]!["amount"]!.GetValue<decimal>(), Is.EqualTo(16_412.40m));
        Assert.That(data["total"]!.GetValue<decimal>(), Is.EqualTo(75_970.80m));
    }

    [Test]
    public void OrderFlow_NoFinanceApproval()
    {
        var flow = Flow("order-to-shipment");

        var financeNodes = flow.Nodes
            .Where(node => node.Assignees?.Any(assignee => assignee.Value == "finance") == true);

        Assert.That(financeNodes, Is.Empty);
    }

    [Test]
    public void OrderFlow_WarehouseCannotSeePrices()
    {
        var confirm = Flow("order-to-shipment").Nodes.Single(node => node.Id == "confirmShipment");

        Assert.That(confirm.Type, Is.EqualTo(NodeTypes.FillIn));
        foreach (var field in new[] { "lines.unitPrice", "lines.amount", "total" })
        {
            Assert.That(confirm.FieldPermissions![field].Access, Is.EqualTo(FieldPermission.Hidden), field);
        }
    }

    [Test]
    public void OrderFlow_CancelPathReleasesReservation()
    {
        var flow = Flow("order-to-shipment");
        var cancel = flow.Edges.Single(edge => edge.From == "shipRoute" && !edge.IsDefault);
        var release = flow.Nodes.Single(node => node.Id == cancel.To);

        Assert.That(release.Type, Is.EqualTo(NodeTypes.UpdateRecord));
        Assert.That(release.Form, Is.EqualTo("stock-batch"));
        Assert.That(release.Values!["reservedQuantity"], Does.Contain("record.reservedQuantity").And.Contain(" - "));
    }

    [Test]
    public void CreditReview_TriggersAndParallelReview()
    {
        var flow = Flow("customer-credit-review");

        Assert.That(flow.Triggers!.Select(trigger => trigger.Type), Is.EquivalentTo(new[]
            { TriggerTypes.Record, TriggerTypes.Record, TriggerTypes.Record, TriggerTypes.Schedule }));
        Assert.That(flow.Triggers!.Single(trigger => trigger.Fields?.Contains("creditLimit") == true).On,
            Is.EqualTo(new[] { "updated" }));
        var officer = flow.Nodes.Single(node => node.Id == "creditOfficerReview").Assignees!.Single();
        Assert.That(officer.Value, Is.EqualTo("credit-officer"));
        Assert.That(officer.Where!["region"], Is.EqualTo("form.region"));
        Assert.That(flow.Nodes.Count(node => node.Type == NodeTypes.ParallelSplit), Is.EqualTo(1));
        Assert.That(flow.Nodes.Count(node => node.Type == NodeTypes.ParallelJoin), Is.EqualTo(1));
    }

    [Test]
    public void ExpiryWatch_DailyAtTwo()
    {
        var flow = Flow("batch-expiry-watch");

        Assert.That(flow.Triggers!.Single().Cron, Is.EqualTo("0 2 * * *"));
        Assert.That(flow.Settings!.TimeZone, Is.EqualTo("Asia/Shanghai"));
    }

    private static FlowDefinition Flow(string key) =>
        DefinitionJson.Deserialize<FlowDefinition>(
            File.ReadAllText(Path.Combine(TestPaths.TemplatePackage, "flows", key + ".flow.json")));
}
