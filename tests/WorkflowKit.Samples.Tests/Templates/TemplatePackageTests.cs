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
        Assert.That(report.Documents, Has.Count.EqualTo(28));
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
    public void ShipmentForm_CarriesNoPrices()
    {
        var shipment = TemplateForms.All()["warehouse-shipment"];
        var fields = shipment.Fields.Concat(shipment.Fields.Single(field => field.Id == "lines").Fields!).ToList();

        Assert.That(fields.Where(field => field.Type == "money").Select(field => field.Id), Is.Empty);
        Assert.That(fields.Select(field => field.Id), Has.None.Contains("price").IgnoreCase.And.None.Contains("amount"));
    }

    [Test]
    public void ShipmentTask_ChangesOnlyShippedFields()
    {
        var confirm = Flow("warehouse-shipment").Nodes.Single(node => node.Id == "confirmShipment");
        var editable = confirm.FieldPermissions!
            .Where(pair => pair.Value.Access == FieldPermission.Editable)
            .Select(pair => pair.Key);

        Assert.That(confirm.Type, Is.EqualTo(NodeTypes.FillIn));
        Assert.That(editable, Is.EquivalentTo(new[] { "lines", "shippedDate", "trackingNo", "shippingNote" }));
        Assert.That(confirm.FieldPermissions!["lines"].AddRows, Is.False);
        Assert.That(confirm.FieldPermissions!["lines"].DeleteRows, Is.False);
        Assert.That(confirm.FieldPermissions!["lines.allocatedQuantity"].Access, Is.EqualTo(FieldPermission.ReadOnly));
        Assert.That(confirm.FieldPermissions.ContainsKey("lines.shippedQuantity"), Is.False, "editable as its table");
    }

    [Test]
    public void ShipmentTask_GoesToItsWarehouse()
    {
        var assignee = Flow("warehouse-shipment").Nodes.Single(node => node.Id == "confirmShipment").Assignees!.Single();

        Assert.That(assignee.Value, Is.EqualTo("warehouse"));
        Assert.That(assignee.Where!["department"], Is.EqualTo("'warehouse-' + form.warehouse"));
    }

    [Test]
    public void ShipmentOfNothing_ReleasesReservation()
    {
        var flow = Flow("warehouse-shipment");
        var nothingShipped = flow.Edges.Single(edge => edge.From == "resultRoute" && !edge.IsDefault);
        var release = flow.Nodes.Single(node => node.Id == nothingShipped.To);

        Assert.That(release.Type, Is.EqualTo(NodeTypes.UpdateRecord));
        Assert.That(release.Form, Is.EqualTo("stock-batch"));
        Assert.That(release.Values!["reservedQuantity"], Does.Contain("record.reservedQuantity").And.Contain(" - "));
    }

    [Test]
    public void OrderFlow_ReleasesRejectedShipments()
    {
        var flow = Flow("order-to-shipment");
        var next = flow.Edges.Single(edge => edge.From == "settleShipments").To;
        var release = flow.Nodes.Single(node => node.Id == next);

        Assert.That(flow.Edges.Single(edge => edge.From == "startShipments").To, Is.EqualTo("settleShipments"));
        Assert.That(release.Form, Is.EqualTo("stock-batch"));
        Assert.That(release.Values!["reservedQuantity"], Does.Contain("vars.openByBatch"));
    }

    [Test]
    public void OrderFlow_StartsOneShipmentPerWarehouse()
    {
        var node = Flow("order-to-shipment").Nodes.Single(node => node.Id == "startShipments");

        Assert.That(node.Type, Is.EqualTo(NodeTypes.SubFlow));
        Assert.That(node.Flow, Is.EqualTo("warehouse-shipment"));
        Assert.That(node.ForEach, Is.EqualTo("vars.shipments"));
        Assert.That(node.Wait, Is.Not.False);
    }

    [Test]
    public void CreditReview_TriggersAndReviewLevels()
    {
        var flow = Flow("customer-credit-review");

        Assert.That(flow.Triggers!.Select(trigger => trigger.Type), Is.EquivalentTo(new[]
            { TriggerTypes.Record, TriggerTypes.Record, TriggerTypes.Record, TriggerTypes.Schedule }));
        Assert.That(flow.Triggers!.Single(trigger => trigger.Fields?.Contains("creditLimit") == true).On,
            Is.EqualTo(new[] { "updated" }));
        var officer = flow.Nodes.Single(node => node.Id == "creditOfficerReview").Assignees!.Single();
        Assert.That(officer.Value, Is.EqualTo("credit-officer"));
        Assert.That(officer.Where!["region"], Is.EqualTo("form.region"));
        var director = flow.Nodes.Single(node => node.Id == "directorReview").Assignees!.Single();
        Assert.That((director.Type, director.Value), Is.EqualTo(("departmentManager", "finance")));
        Assert.That(flow.Parameters!.Single(p => p.Id == "directorRaiseAmount").Value?.GetValue<decimal>(),
            Is.EqualTo(500_000m));
        Assert.That(flow.Parameters!.Single(p => p.Id == "directorRaisePercent").Value?.GetValue<decimal>(),
            Is.EqualTo(50m));
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
