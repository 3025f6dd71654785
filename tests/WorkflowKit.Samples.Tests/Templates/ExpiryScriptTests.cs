using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using static WorkflowKit.Samples.Tests.Templates.FlowScriptHarness;
using static WorkflowKit.Samples.Tests.Templates.OrderScriptTests;

namespace WorkflowKit.Samples.Tests.Templates;

public sealed class ExpiryScriptTests
{
    [Test]
    public void Scan_BucketsByWhatFefoAllows()
    {
        var waiting = Batch("WAITING", "IVD-0001", 10, 0, Date(5), "available");
        waiting["expiryDecision"] = "pending";
        var flagged = Batch("FLAGGED", "IVD-0001", 10, 0, Date(50), "available");
        flagged["expiryAlert"] = "d60";
        var records = new JsonObject
        {
            ["customer"] = Customers(("C0001", "三十天医院", 30, "normal"), ("C0002", "六十天医院", 60, "normal"),
                ("C0003", "冻结客户", 10, "blocked")),
            ["stock-batch"] = new JsonArray(
                Batch("EXPIRED", "IVD-0001", 10, 0, Date(-1), "available"),
                Batch("TODAY", "IVD-0001", 10, 0, Date(0), "available"),
                Batch("TOMORROW", "IVD-0001", 10, 0, Date(1), "available"),
                Batch("DAY29", "IVD-0001", 10, 0, Date(29), "available"),
                Batch("DAY30", "IVD-0001", 10, 0, Date(30), "available"),
                Batch("DAY40", "IVD-0001", 10, 0, Date(40), "available"),
                Batch("DAY90", "IVD-0001", 10, 0, Date(90), "available"),
                Batch("DAY91", "IVD-0001", 10, 0, Date(91), "available"),
                Batch("HELD", "IVD-0001", 10, 0, Date(-5), "quarantined"),
                waiting,
                flagged),
        };

        var result = Run("batch-expiry-watch", "scan", [], records);

        Assert.That(Text(result.Vars["today"]), Is.EqualTo(Date(0)));
        Assert.That(Alerts(result), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["EXPIRED"] = "expired",
            ["TODAY"] = "unshippable",
            ["TOMORROW"] = "unshippable",
            ["DAY29"] = "unshippable",
            ["DAY30"] = "d30",
            ["DAY40"] = "d60",
            ["DAY90"] = "d90",
            ["WAITING"] = "unshippable",
        }));
        Assert.That(Texts(result.Vars["expiredBatchNos"]), Is.EqualTo(new[] { "EXPIRED" }));
        Assert.That(Texts(result.Vars["decisionBatchNos"]), Is.EqualTo(new[] { "TODAY", "TOMORROW", "DAY29" }));
        Assert.That(Number(result.Vars["expiredCount"]), Is.EqualTo(1m));
        Assert.That(Number(result.Vars["alertCount"]), Is.EqualTo(7m));
        var message = Text(result.Vars["warehouseAlerts"]![0]!["message"]);
        Assert.That(message, Does.Not.Contain("DAY91").And.Not.Contain("HELD").And.Not.Contain("FLAGGED"));
        Assert.That(message, Does.Not.Contain("WAITING"), "a batch already waiting on a decision");
        Assert.That(Text(result.Vars["salesMessage"]), Does.Not.Contain("EXPIRED"));
    }

    [Test]
    public void Scan_NamesCustomersThatCanTakeBatch()
    {
        var records = new JsonObject
        {
            ["customer"] = Customers(("C0001", "三十天医院", 30, "normal"), ("C0002", "六十天医院", 60, "normal")),
            ["stock-batch"] = new JsonArray(Batch("DAY40", "IVD-0002", 8, 3, Date(40), "available")),
        };

        var result = Run("batch-expiry-watch", "scan", [], records);

        var alert = result.Vars["warehouseAlerts"]!.AsArray().Single()!;
        Assert.That(Text(alert["messageEn"]), Is.EqualTo(
            "Expiring within 60 days (1):\n" +
            $"DAY40 产品IVD-0002, warehouse sh, expires {Date(40)}, stock 8, reserved 3; 1 customer(s) can take it: 三十天医院"));
        Assert.That(Text(alert["message"]), Is.EqualTo(
            "60 天内到期（1）：\n" +
            $"DAY40 产品IVD-0002，sh 仓，效期至 {Date(40)}，库存 8，已预留 3；可发客户 1 家：三十天医院"));
        Assert.That(result.Vars["reviews"]!.AsArray(), Is.Empty, "a batch that a customer can take needs no task");
        Assert.That(result.Vars["decisionBatchNos"]!.AsArray(), Is.Empty);
    }

    [Test]
    public void Scan_WritesEachLanguageWhole()
    {
        var records = new JsonObject
        {
            ["customer"] = Customers(("C0001", "六十天医院", 60, "normal")),
            ["stock-batch"] = new JsonArray(
                Batch("EXPIRED", "IVD-0001", 10, 0, Date(-1), "available"),
                Batch("DAY30", "IVD-0002", 8, 3, Date(30), "available")),
        };

        var result = Run("batch-expiry-watch", "scan", [], records);

        var alert = result.Vars["warehouseAlerts"]!.AsArray().Single()!;
        Assert.That(Text(alert["warehouse"]), Is.EqualTo("sh"));
        Assert.That(Text(alert["department"]), Is.EqualTo("warehouse-sh"));
        Assert.That(Text(alert["messageEn"]), Is.EqualTo(
            "Expired, quarantined and reservation released; confirm the physical quarantine (1):\n" +
            $"EXPIRED 产品IVD-0001, warehouse sh, expires {Date(-1)}, stock 10, reserved 0\n" +
            "Days left below every customer's minimum shelf life, cannot ship; decide to return, destroy, " +
            "sell at a discount or keep (1):\n" +
            $"DAY30 产品IVD-0002, warehouse sh, expires {Date(30)}, stock 8, reserved 3"));
        Assert.That(Text(alert["message"]), Is.EqualTo(
            "已过期，已转入隔离并释放预留，请确认实物隔离（1）：\n" +
            $"EXPIRED 产品IVD-0001，sh 仓，效期至 {Date(-1)}，库存 10，已预留 0\n" +
            "剩余效期低于所有客户的最短剩余效期，无法发货，请决定退回、销毁、折价销售或暂留（1）：\n" +
            $"DAY30 产品IVD-0002，sh 仓，效期至 {Date(30)}，库存 8，已预留 3"));
        Assert.That(Text(result.Vars["salesMessageEn"]), Is.EqualTo(
            "Days left below every customer's minimum shelf life, cannot ship; decide to return, destroy, " +
            "sell at a discount or keep (1):\n" +
            $"DAY30 产品IVD-0002, warehouse sh, expires {Date(30)}, stock 8, reserved 3"));
    }

    [Test]
    public void Scan_GroupsReviewsByWarehouse()
    {
        var shanghaiExpired = Batch("SH-EXPIRED", "IVD-0001", 10, 0, Date(-2), "available");
        var shanghaiShort = Batch("SH-TOMORROW", "IVD-0001", 12, 4, Date(1), "available");
        var guangzhou = Batch("GZ-EXPIRED", "IVD-0001", 10, 0, Date(-1), "available");
        guangzhou["warehouse"] = "gz";
        var beijing = Batch("BJ-40", "IVD-0001", 10, 0, Date(40), "available");
        beijing["warehouse"] = "bj";
        var records = new JsonObject
        {
            ["customer"] = Customers(("C0001", "三十天医院", 30, "normal")),
            ["stock-batch"] = new JsonArray(shanghaiExpired, shanghaiShort, guangzhou, beijing),
        };

        var result = Run("batch-expiry-watch", "scan", [], records);

        var alerts = result.Vars["warehouseAlerts"]!.AsArray();
        Assert.That(alerts.Select(alert => Text(alert!["department"])),
            Is.EqualTo(new[] { "warehouse-bj", "warehouse-gz", "warehouse-sh" }));
        Assert.That(Text(alerts[1]!["messageEn"]), Does.Contain("GZ-EXPIRED").And.Not.Contain("SH-"));
        Assert.That(Number(result.Vars["warehouseCount"]), Is.EqualTo(3m));
        Assert.That(Number(result.Vars["warehouseIndex"]), Is.EqualTo(0m));
        var reviews = result.Vars["reviews"]!.AsArray();
        Assert.That(reviews.Select(review => Text(review!["warehouse"])), Is.EqualTo(new[] { "gz", "sh" }));
        Assert.That(reviews.Select(review => Text(review!["region"])), Is.EqualTo(new[] { "south", "east" }));
        Assert.That(Text(reviews[0]!["title"]), Is.EqualTo($"{Date(0)} gz 仓效期处理"));
        Assert.That(Texts(reviews[0]!["quarantined"], "batchNo"), Is.EqualTo(new[] { "GZ-EXPIRED" }));
        Assert.That(reviews[0]!["decisions"]!.AsArray(), Is.Empty);
        Assert.That(Texts(reviews[1]!["quarantined"], "batchNo"), Is.EqualTo(new[] { "SH-EXPIRED" }));
        var decision = reviews[1]!["decisions"]!.AsArray().Single()!;
        Assert.That(Text(decision["batchNo"]), Is.EqualTo("SH-TOMORROW"));
        Assert.That(Number(decision["daysLeft"]), Is.EqualTo(1m));
        Assert.That(Number(decision["quantity"]), Is.EqualTo(12m));
        Assert.That(Number(decision["reservedQuantity"]), Is.EqualTo(4m));
    }

    [Test]
    public void Scan_NothingAtRiskStartsNoReview()
    {
        var records = new JsonObject
        {
            ["customer"] = Customers(("C0001", "六十天医院", 60, "normal")),
            ["stock-batch"] = new JsonArray(Batch("FAR", "IVD-0001", 10, 0, Date(200), "available")),
        };

        var result = Run("batch-expiry-watch", "scan", [], records);

        Assert.That(Number(result.Vars["alertCount"]), Is.EqualTo(0m));
        Assert.That(result.Vars["reviews"]!.AsArray(), Is.Empty);
        Assert.That(result.Vars["warehouseAlerts"]!.AsArray(), Is.Empty);
        Assert.That(result.Vars["alertBatchNos"]!.AsArray(), Is.Empty);
        Assert.That(result.Vars["orderSalesReps"]!.AsArray(), Is.Empty);
    }

    [Test]
    public void Scan_TellsOrdersWaitingOnExpiredBatch()
    {
        var expired = Batch("EXPIRED", "IVD-0001", 10, 6, Date(-1), "available");
        var records = new JsonObject
        {
            ["customer"] = Customers(("C0001", "六十天医院", 60, "normal")),
            ["stock-batch"] = new JsonArray(expired),
            ["shipping-instruction"] = new JsonArray(
                Instruction("SO-1", "pending", "EXPIRED"),
                Instruction("SO-2", "shipped", "EXPIRED"),
                Instruction("SO-3", "pending", "OTHER")),
            ["order"] = new JsonArray(
                new JsonObject { ["orderNo"] = "SO-1", ["salesRep"] = "sales-east-1" },
                new JsonObject { ["orderNo"] = "SO-2", ["salesRep"] = "sales-east-2" }),
        };

        var result = Run("batch-expiry-watch", "scan", [], records);

        Assert.That(Texts(result.Vars["orderSalesReps"]), Is.EqualTo(new[] { "sales-east-1" }));
        Assert.That(Text(result.Vars["quarantineNotes"]!["EXPIRED"]),
            Is.EqualTo($"{Date(0)} 效期巡检：已过期，转入隔离，释放预留 6（待发订单 SO-1 不再发此批次）"));
        Assert.That(Text(result.Vars["orderMessageEn"]), Does.StartWith("Order SO-1: batch EXPIRED"));
        Assert.That(Text(result.Vars["orderMessage"]), Does.Not.Contain("SO-2").And.Not.Contain("SO-3"));
        var quarantined = result.Vars["reviews"]![0]!["quarantined"]!.AsArray().Single()!;
        Assert.That(Number(quarantined["releasedQuantity"]), Is.EqualTo(6m));
        Assert.That(Text(quarantined["orders"]), Is.EqualTo("SO-1"));
    }

    [Test]
    public void Decisions_IncompleteRowsAreListed()
    {
        var form = Review(
            Row("NONE", null, null),
            Row("KEEP", "keep", null),
            Row("BACK", "return", "供应商同意退货"));

        var result = Run("batch-expiry-review", "checkDecisions", form, [], nodes: DecidedBy("wh-east"));

        Assert.That(Text(result.Form["decisionProblem"]), Is.EqualTo(
            "NONE：未选择处置\nKEEP：暂留需填写说明\nNONE: no decision\nKEEP: keep needs a comment"));
        Assert.That(result.Vars["decidedBatchNos"]!.AsArray(), Is.Empty, "nothing is written before all rows are complete");
    }

    [Test]
    public void Decisions_CompleteRowsGiveNotes()
    {
        var form = Review(
            Row("BACK", "return", "供应商同意退货"),
            Row("KEEP", "keep", "等待客户 C0001 确认折价"));

        var result = Run("batch-expiry-review", "checkDecisions", form, [], nodes: DecidedBy("wh-east"));

        Assert.That(Text(result.Form["decisionProblem"]), Is.Empty);
        Assert.That(Texts(result.Vars["decidedBatchNos"]), Is.EqualTo(new[] { "BACK", "KEEP" }));
        Assert.That(Text(result.Vars["decisionByBatch"]!["BACK"]), Is.EqualTo("return"));
        Assert.That(Text(result.Vars["decisionNotes"]!["BACK"]), Is.EqualTo($"{Date(0)} wh-east 决定：退回供应商，释放预留 4，供应商同意退货"));
        Assert.That(Text(result.Vars["decisionNotes"]!["KEEP"]), Is.EqualTo($"{Date(0)} wh-east 决定：暂留，等待客户 C0001 确认折价"));
    }

    [Test]
    public void ShipmentSettle_ShipsNothingOfQuarantinedBatch()
    {
        var form = new JsonObject
        {
            ["lines"] = new JsonArray(
                ShipmentLine("GONE", 5, 5),
                ShipmentLine("GOOD", 3, 3)),
        };
        var records = new JsonObject
        {
            ["stock-batch"] = new JsonArray(
                Batch("GONE", "IVD-0001", 10, 0, Date(-1), "quarantined"),
                Batch("GOOD", "IVD-0001", 10, 3, Date(200), "available")),
        };

        var result = Run("warehouse-shipment", "settleShipment", form, records);

        var lines = result.Form["lines"]!.AsArray();
        Assert.That(Number(lines[0]!["shippedQuantity"]), Is.EqualTo(0m));
        Assert.That(Number(lines[1]!["shippedQuantity"]), Is.EqualTo(3m));
        Assert.That(Number(result.Vars["shippedByBatch"]!["GONE"]), Is.EqualTo(0m));
        Assert.That(Number(result.Vars["allocatedByBatch"]!["GONE"]), Is.EqualTo(5m));
        Assert.That(Text(result.Form["shipmentResult"]), Is.EqualTo("short"));
        Assert.That(Text(result.Form["shortfall"]), Is.EqualTo("IVD-0001 批号 GONE 已隔离或不可用，未发 5"));
    }

    [TestCase("notifyWarehouse", "{{vars.warehouseMessageEn}}", "{{vars.warehouseMessage}}")]
    [TestCase("notifySales", "{{vars.salesMessageEn}}", "{{vars.salesMessage}}")]
    [TestCase("notifyOrders", "{{vars.orderMessageEn}}", "{{vars.orderMessage}}")]
    public void Notice_UsesMessageOfItsLanguage(string nodeId, string english, string chinese)
    {
        var path = Path.Combine(TestPaths.TemplatePackage, "flows", "batch-expiry-watch.flow.json");
        var flow = DefinitionJson.Deserialize<FlowDefinition>(File.ReadAllText(path));

        var message = flow.Nodes.Single(node => node.Id == nodeId).Message!;

        Assert.That(message.Get("en"), Does.EndWith("\n" + english));
        Assert.That(message.Get("zh-CN"), Does.EndWith("\n" + chinese));
    }

    private static JsonArray Customers(params (string Code, string Name, int MinDays, string Credit)[] customers) =>
        [.. customers.Select(customer => (JsonNode)new JsonObject
        {
            ["code"] = customer.Code,
            ["name"] = customer.Name,
            ["minShelfLifeDays"] = customer.MinDays,
            ["creditStatus"] = customer.Credit,
        })];

    private static JsonObject Instruction(string orderNo, string status, string batchNo) => new()
    {
        ["orderNo"] = orderNo,
        ["status"] = status,
        ["warehouse"] = "sh",
        ["lines"] = new JsonArray(new JsonObject { ["batchNo"] = batchNo, ["quantity"] = 6 }),
    };

    private static JsonObject Review(params JsonObject[] rows) => new()
    {
        ["warehouse"] = "sh",
        ["asOf"] = Date(-1),
        ["decisions"] = new JsonArray([.. rows]),
    };

    private static JsonObject DecidedBy(string userId) => new()
    {
        ["decide"] = new JsonObject { ["outcome"] = "submitted", ["by"] = new JsonArray(userId) },
    };

    private static JsonObject Row(string batchNo, string? decision, string? comment) => new()
    {
        ["batchNo"] = batchNo,
        ["quantity"] = 10,
        ["reservedQuantity"] = 4,
        ["decision"] = decision,
        ["comment"] = comment,
    };

    private static JsonObject ShipmentLine(string batchNo, int allocated, int shipped) => new()
    {
        ["product"] = "IVD-0001",
        ["batchNo"] = batchNo,
        ["allocatedQuantity"] = allocated,
        ["shippedQuantity"] = shipped,
    };

    private static Dictionary<string, string> Alerts(Expressions.ScriptResult result) =>
        result.Vars["alertByBatch"]!.AsObject().ToDictionary(pair => pair.Key, pair => Text(pair.Value));

    private static string[] Texts(JsonNode? array) => [.. array!.AsArray().Select(Text)];

    private static string[] Texts(JsonNode? rows, string column) =>
        [.. rows!.AsArray().Select(row => Text(row![column]))];
}
