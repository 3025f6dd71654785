using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using static WorkflowKit.Samples.Tests.Templates.FlowScriptHarness;
using static WorkflowKit.Samples.Tests.Templates.OrderScriptTests;

namespace WorkflowKit.Samples.Tests.Templates;

public sealed class ExpiryScriptTests
{
    [Test]
    public void Scan_BucketsByDaysLeft()
    {
        var alreadyFlagged = Batch("FLAGGED", "IVD-0001", 10, 0, Date(5), "available");
        alreadyFlagged["expiryAlert"] = "d30";
        var records = new JsonObject
        {
            ["stock-batch"] = new JsonArray(
                Batch("EXPIRED", "IVD-0001", 10, 0, Date(-1), "available"),
                Batch("DAY30", "IVD-0001", 10, 0, Date(30), "available"),
                Batch("DAY31", "IVD-0001", 10, 0, Date(31), "available"),
                Batch("DAY90", "IVD-0001", 10, 0, Date(90), "available"),
                Batch("DAY91", "IVD-0001", 10, 0, Date(91), "available"),
                Batch("HELD", "IVD-0001", 10, 0, Date(-5), "quarantined"),
                alreadyFlagged),
        };

        var result = Run("batch-expiry-watch", "scan", [], records);

        Assert.That(Text(result.Vars["today"]), Is.EqualTo(Date(0)));
        Assert.That(Text(result.Vars["in30"]), Is.EqualTo(Date(30)));
        Assert.That(Text(result.Vars["in60"]), Is.EqualTo(Date(60)));
        Assert.That(Text(result.Vars["in90"]), Is.EqualTo(Date(90)));
        Assert.That(Number(result.Vars["expiredCount"]), Is.EqualTo(1m));
        Assert.That(Number(result.Vars["alertCount"]), Is.EqualTo(4m));
        var message = Text(result.Vars["warehouseAlerts"]![0]!["message"]);
        Assert.That(message, Does.Contain("EXPIRED").And.Contain("DAY30").And.Contain("DAY31").And.Contain("DAY90"));
        Assert.That(message, Does.Not.Contain("DAY91").And.Not.Contain("HELD").And.Not.Contain("FLAGGED"));
        Assert.That(Text(result.Vars["salesMessage"]), Does.Not.Contain("EXPIRED"));
    }

    [Test]
    public void Scan_WritesEachLanguageWhole()
    {
        var records = new JsonObject
        {
            ["stock-batch"] = new JsonArray(
                Batch("EXPIRED", "IVD-0001", 10, 0, Date(-1), "available"),
                Batch("DAY30", "IVD-0002", 8, 3, Date(30), "available")),
        };

        var result = Run("batch-expiry-watch", "scan", [], records);

        var alert = result.Vars["warehouseAlerts"]!.AsArray().Single()!;
        Assert.That(Text(alert["warehouse"]), Is.EqualTo("sh"));
        Assert.That(Text(alert["department"]), Is.EqualTo("warehouse-sh"));
        Assert.That(Text(alert["messageEn"]), Is.EqualTo(
            $"Expired, moved to quarantine (1):\nEXPIRED 产品IVD-0001, warehouse sh, expires {Date(-1)}, stock 10, reserved 0\n" +
            $"Expiring within 30 days, ship first (1):\nDAY30 产品IVD-0002, warehouse sh, expires {Date(30)}, stock 8, reserved 3"));
        Assert.That(Text(result.Vars["salesMessageEn"]), Is.EqualTo(
            "Expiring within 30 days, offer first to customers who accept them (1):\n" +
            $"DAY30 产品IVD-0002, warehouse sh, expires {Date(30)}, stock 8, reserved 3"));
        Assert.That(Text(alert["message"]), Is.EqualTo(
            $"已过期，转入隔离（1）：\nEXPIRED 产品IVD-0001，sh 仓，效期至 {Date(-1)}，库存 10，已预留 0\n" +
            $"30 天内到期，优先出库（1）：\nDAY30 产品IVD-0002，sh 仓，效期至 {Date(30)}，库存 8，已预留 3"));
    }

    [Test]
    public void Scan_SplitsAlertsByWarehouse()
    {
        var shanghai = Batch("SH-30", "IVD-0001", 10, 0, Date(30), "available");
        var guangzhou = Batch("GZ-EXPIRED", "IVD-0001", 10, 0, Date(-1), "available");
        guangzhou["warehouse"] = "gz";
        var records = new JsonObject { ["stock-batch"] = new JsonArray(shanghai, guangzhou) };

        var result = Run("batch-expiry-watch", "scan", [], records);

        var alerts = result.Vars["warehouseAlerts"]!.AsArray();
        Assert.That(alerts.Select(alert => Text(alert!["department"])), Is.EqualTo(new[] { "warehouse-gz", "warehouse-sh" }));
        Assert.That(Text(alerts[0]!["messageEn"]), Does.Contain("GZ-EXPIRED").And.Not.Contain("SH-30"));
        Assert.That(Text(alerts[1]!["messageEn"]), Does.Contain("SH-30").And.Not.Contain("GZ-EXPIRED"));
        Assert.That(Number(result.Vars["warehouseCount"]), Is.EqualTo(2m));
        Assert.That(Number(result.Vars["warehouseIndex"]), Is.EqualTo(0m));
    }

    [TestCase("notifyWarehouse", "{{vars.warehouseMessageEn}}", "{{vars.warehouseMessage}}")]
    [TestCase("notifySales", "{{vars.salesMessageEn}}", "{{vars.salesMessage}}")]
    public void Notice_UsesMessageOfItsLanguage(string nodeId, string english, string chinese)
    {
        var path = Path.Combine(TestPaths.TemplatePackage, "flows", "batch-expiry-watch.flow.json");
        var flow = DefinitionJson.Deserialize<FlowDefinition>(File.ReadAllText(path));

        var message = flow.Nodes.Single(node => node.Id == nodeId).Message!;

        Assert.That(message.Get("en"), Does.EndWith("\n" + english));
        Assert.That(message.Get("zh-CN"), Does.EndWith("\n" + chinese));
    }
}
