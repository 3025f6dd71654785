using System.Text.Json.Nodes;
using static WorkflowKit.Samples.Tests.Templates.CreditScriptTests;
using static WorkflowKit.Samples.Tests.Templates.FlowScriptHarness;

namespace WorkflowKit.Samples.Tests.Templates;

public sealed class OrderScriptTests
{
    private const string Flow = "order-to-shipment";

    [TestCase("normal", 30, 10_000, "passed")]
    [TestCase("blocked", 30, 10_000, "blocked")]
    [TestCase("normal", -200, 10_000, "blocked")]
    [TestCase("normal", -10, 10_000, "needsApproval")]
    [TestCase("normal", 30, 95_000, "needsApproval")]
    [TestCase("restricted", 30, 10_000, "needsApproval")]
    [TestCase("pending", 30, 10_000, "needsApproval")]
    public void CreditCheck_Outcome(string status, int dueInDays, int openAmount, string expected)
    {
        var customer = Customer("C0001", 100_000m, Date(-20));
        customer["creditStatus"] = status;
        customer["minShelfLifeDays"] = 120;
        var records = new JsonObject
        {
            ["customer"] = new JsonArray(customer),
            ["receivable"] = new JsonArray(Receivable("C0001", "R1", openAmount, 0m, Date(dueInDays))),
            ["overdue-record"] = new JsonArray(),
        };

        var result = Run(Flow, "creditCheck", Order("C0001", ("IVD-0001", 10, 1_000m)), records);

        Assert.That(Text(result.Form["creditCheck"]), Is.EqualTo(expected));
        Assert.That(Text(result.Form["customerName"]), Is.EqualTo("客户C0001"));
        Assert.That(Text(result.Vars["customerLabel"]), Is.EqualTo("客户C0001"));
        Assert.That(Text(result.Form["region"]), Is.EqualTo("east"));
        Assert.That(Number(result.Form["paymentTermDays"]), Is.EqualTo(90m));
        Assert.That(Number(result.Vars["minShelfLifeDays"]), Is.EqualTo(120m));
        Assert.That(Number(result.Vars["credit"]!["exposureAfterOrder"]), Is.EqualTo(openAmount + 10_000m));
    }

    [Test]
    public void CreditCheck_UnknownCustomerBlocked()
    {
        var records = new JsonObject { ["customer"] = new JsonArray() };

        var result = Run(Flow, "creditCheck", Order("C0404", ("IVD-0001", 1, 1m)), records);

        Assert.That(Text(result.Form["creditCheck"]), Is.EqualTo("blocked"));
        Assert.That(Text(result.Form["creditNote"]), Does.Contain("C0404"));
        Assert.That(Text(result.Vars["customerLabel"]), Is.EqualTo("C0404"), "the notice names the code as typed");
    }

    [Test]
    public void StockCheck_FefoSkipsIneligibleBatches()
    {
        var records = new JsonObject
        {
            ["stock-batch"] = new JsonArray(
                Batch("EXPIRED", "IVD-0001", 100, 0, Date(-1), "available"),
                Batch("HELD", "IVD-0001", 100, 0, Date(200), "quarantined"),
                Batch("SHORT-LIFE", "IVD-0001", 100, 0, Date(89), "available"),
                Batch("B-1001B", "IVD-0001", 100, 0, Date(200), "available"),
                Batch("B-0801", "IVD-0001", 50, 20, Date(144), "available"),
                Batch("B-1001A", "IVD-0001", 10, 0, Date(200), "available"),
                Batch("OTHER", "IVD-0002", 100, 0, Date(100), "available")),
        };
        var vars = new JsonObject { ["minShelfLifeDays"] = 90 };

        var result = Run(Flow, "stockCheck", Order("C0001", ("IVD-0001", 60, 10m)), records, vars);

        var allocation = result.Vars["allocation"]!.AsArray()
            .Select(row => (Text(row!["batchNo"]), Number(row["quantity"])))
            .ToList();
        Assert.That(allocation, Is.EqualTo(new[] { ("B-0801", 30m), ("B-1001A", 10m), ("B-1001B", 20m) }));
        Assert.That(result.Vars["allocatedBatchNos"]!.AsArray().Select(Text),
            Is.EquivalentTo(new[] { "B-0801", "B-1001A", "B-1001B" }));
        Assert.That(Number(result.Vars["allocatedByBatch"]!["B-1001B"]), Is.EqualTo(20m));
        Assert.That(result.Vars["shortages"]!.AsArray(), Is.Empty);
        Assert.That(result.Vars["lowCover"]!.AsArray(), Is.Empty);
        Assert.That(Text(result.Form["status"]), Is.EqualTo("reserved"));
        Assert.That(Text(result.Form["allocationSummary"]), Does.Contain("B-0801 × 30"));
    }

    [TestCase(90, false, false)]
    [TestCase(100, true, false)]
    [TestCase(150, true, true)]
    public void StockCheck_CoverAndShortage(int ordered, bool lowCover, bool shortage)
    {
        var records = new JsonObject
        {
            ["stock-batch"] = new JsonArray(
                Batch("B1", "VAC-0001", 100, 0, Date(300), "available"),
                Batch("B2", "VAC-0001", 60, 20, Date(320), "available")),
        };

        var result = Run(Flow, "stockCheck", Order("C0001", ("VAC-0001", ordered, 50m)), records, []);

        Assert.That(result.Vars["lowCover"]!.AsArray().Count > 0, Is.EqualTo(lowCover));
        Assert.That(result.Vars["shortages"]!.AsArray().Count > 0, Is.EqualTo(shortage));
        Assert.That(Text(result.Form["status"]), Is.EqualTo(shortage ? "backorder" : "reserved"));
        Assert.That(Text(result.Form["stockWarning"]), lowCover ? Does.Contain("1.5 倍") : Does.Not.Contain("1.5 倍"));
    }

    [Test]
    public void StockCheck_SecondLineTakesWhatFirstLeft()
    {
        var records = new JsonObject
        {
            ["stock-batch"] = new JsonArray(Batch("B1", "VAC-0001", 40, 0, Date(300), "available")),
        };

        var result = Run(Flow, "stockCheck", Order("C0001", ("VAC-0001", 30, 1m), ("VAC-0001", 30, 1m)), records, []);

        var shortage = result.Vars["shortages"]!.AsArray().Single()!;
        Assert.That(Number(result.Vars["allocatedByBatch"]!["B1"]), Is.EqualTo(40m));
        Assert.That(Number(shortage["missing"]), Is.EqualTo(20m));
    }

    /// <summary>
    /// An east customer's order takes the earliest-expiring batches wherever they are. The Guangzhou batches ship 50
    /// of the 60 units, so the Guangzhou warehouse ships the order.
    /// </summary>
    [Test]
    public void StockCheck_ShippingWarehouseShipsMost()
    {
        var records = new JsonObject
        {
            ["stock-batch"] = new JsonArray(
                InWarehouse(Batch("SH-1", "IVD-0001", 10, 0, Date(150), "available"), "sh"),
                InWarehouse(Batch("GZ-1", "IVD-0001", 30, 0, Date(160), "available"), "gz"),
                InWarehouse(Batch("GZ-2", "IVD-0001", 100, 0, Date(170), "available"), "gz"),
                InWarehouse(Batch("SH-2", "IVD-0001", 100, 0, Date(400), "available"), "sh")),
        };

        var result = Run(Flow, "stockCheck", Order("C0001", ("IVD-0001", 60, 10m)), records, []);

        Assert.That(Text(result.Form["shippingWarehouse"]), Is.EqualTo("gz"));
        Assert.That(Text(result.Form["allocationSummary"]), Does.Contain("SH-1 × 10").And.Contain("sh 仓"));
    }

    /// <summary>Two warehouses that ship the same quantity: the one whose batch comes first in FEFO order ships.</summary>
    [Test]
    public void StockCheck_ShippingWarehouseTieTakesFirst()
    {
        var records = new JsonObject
        {
            ["stock-batch"] = new JsonArray(
                InWarehouse(Batch("BJ-1", "IVD-0001", 20, 0, Date(150), "available"), "bj"),
                InWarehouse(Batch("CD-1", "IVD-0001", 20, 0, Date(160), "available"), "cd")),
        };

        var result = Run(Flow, "stockCheck", Order("C0001", ("IVD-0001", 40, 10m)), records, []);

        Assert.That(Text(result.Form["shippingWarehouse"]), Is.EqualTo("bj"));
    }

    [Test]
    public void StockCheck_NoAllocationNoWarehouse()
    {
        var records = new JsonObject { ["stock-batch"] = new JsonArray() };

        var result = Run(Flow, "stockCheck", Order("C0001", ("IVD-0001", 5, 10m)), records, []);

        Assert.That(result.Form["shippingWarehouse"], Is.Null);
        Assert.That(Text(result.Form["status"]), Is.EqualTo("backorder"));
    }

    private static JsonObject InWarehouse(JsonObject batch, string warehouse)
    {
        batch["warehouse"] = warehouse;
        return batch;
    }

    private static JsonObject Order(string customer, params (string Product, int Quantity, decimal Price)[] lines) =>
        new()
        {
            ["customer"] = customer,
            ["total"] = lines.Sum(line => line.Quantity * line.Price),
            ["lines"] = new JsonArray([.. lines.Select(line => (JsonNode)new JsonObject
            {
                ["product"] = line.Product,
                ["quantity"] = line.Quantity,
                ["unitPrice"] = line.Price,
            })]),
        };

    internal static JsonObject Batch(
        string batchNo, string product, int quantity, int reserved, string expiry, string status) => new()
    {
        ["batchNo"] = batchNo,
        ["product"] = product,
        ["productName"] = "产品" + product,
        ["warehouse"] = "sh",
        ["quantity"] = quantity,
        ["reservedQuantity"] = reserved,
        ["expiryDate"] = expiry,
        ["status"] = status,
        ["expiryAlert"] = "none",
    };
}
