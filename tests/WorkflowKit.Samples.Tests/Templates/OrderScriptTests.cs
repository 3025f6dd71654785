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

    /// <summary>
    /// A credit limit typed into the customer record waits for the credit review; until it approves the limit, orders
    /// count against the approved one.
    /// </summary>
    [Test]
    public void CreditCheck_UsesApprovedLimit()
    {
        var customer = Customer("C0001", 100_000m, Date(-20));
        customer["creditLimit"] = 99_000_000m;
        var records = new JsonObject
        {
            ["customer"] = new JsonArray(customer),
            ["receivable"] = new JsonArray(Receivable("C0001", "R1", 95_000m, 0m, Date(30))),
            ["overdue-record"] = new JsonArray(),
        };

        var result = Run(Flow, "creditCheck", Order("C0001", ("IVD-0001", 10, 1_000m)), records);

        Assert.That(Text(result.Form["creditCheck"]), Is.EqualTo("needsApproval"));
        Assert.That(Number(result.Vars["credit"]!["creditLimit"]), Is.EqualTo(100_000m));
        Assert.That(Text(result.Form["creditNote"]), Is.EqualTo("下单后应收敞口 105000 元将超过已审批额度 100000 元"));
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

    /// <summary>
    /// The allocation of <see cref="StockCheck_ShippingWarehouseShipsMost"/> becomes one shipment for Shanghai and one
    /// for Guangzhou, in allocation order, each with only its own batches.
    /// </summary>
    [Test]
    public void StockCheck_GroupsShipmentsByWarehouse()
    {
        var records = new JsonObject
        {
            ["stock-batch"] = new JsonArray(
                InWarehouse(Batch("SH-1", "IVD-0001", 10, 0, Date(150), "available"), "sh"),
                InWarehouse(Batch("GZ-1", "IVD-0001", 30, 0, Date(160), "available"), "gz"),
                InWarehouse(Batch("GZ-2", "IVD-0001", 100, 0, Date(170), "available"), "gz")),
        };

        var result = Run(Flow, "stockCheck", Order("C0001", ("IVD-0001", 60, 10m)), records, []);

        var shipments = result.Vars["shipments"]!.AsArray();
        Assert.That(shipments.Select(shipment => Text(shipment!["warehouse"])), Is.EqualTo(new[] { "sh", "gz" }));
        Assert.That(BatchesOf(shipments[0]!), Is.EqualTo(new[] { ("SH-1", 10m, 10m) }));
        Assert.That(BatchesOf(shipments[1]!), Is.EqualTo(new[] { ("GZ-1", 30m, 30m), ("GZ-2", 20m, 20m) }));
    }

    /// <summary>
    /// Shanghai shipped 7 of its 10 units of IVD-0001 and Guangzhou's instruction is still pending because it rejected
    /// its shipment. The receivable bills the 7 units at the first line's price, and Guangzhou's batch is released.
    /// </summary>
    [Test]
    public void Settle_BillsShippedUnits()
    {
        var records = new JsonObject
        {
            ["shipping-instruction"] = new JsonArray(
                Instruction("SO-1", "sh", "shipped", "SF1", ("SH-1", "IVD-0001", 10, 7)),
                Instruction("SO-1", "gz", "pending", null, ("GZ-1", "IVD-0002", 5, null))),
        };
        var order = Order("C0001", ("IVD-0001", 10, 12.5m), ("IVD-0002", 5, 100m));
        order["orderNo"] = "SO-1";

        var result = Run(Flow, "settleShipments", order, records, []);

        Assert.That(Number(result.Vars["shippedAmount"]), Is.EqualTo(87.5m));
        Assert.That(result.Vars["openBatchNos"]!.AsArray().Select(Text), Is.EqualTo(new[] { "GZ-1" }));
        Assert.That(Number(result.Vars["openByBatch"]!["GZ-1"]), Is.EqualTo(5m));
        Assert.That(Text(result.Form["shipmentStatus"]), Is.EqualTo("partial"));
        Assert.That(Text(result.Form["status"]), Is.EqualTo("partiallyShipped"));
        Assert.That(Text(result.Form["trackingNo"]), Is.EqualTo("SF1"));
        Assert.That(Text(result.Form["shippedDate"]), Is.EqualTo(Date(0)));
        Assert.That(Text(result.Form["shipmentSummary"]), Is.EqualTo("sh 仓：发出 7 / 分配 10，运单号 SF1\ngz 仓：仓库拒绝发货"));
    }

    [Test]
    public void Settle_InFullBillsOrderTotal()
    {
        var records = new JsonObject
        {
            ["shipping-instruction"] = new JsonArray(
                Instruction("SO-2", "sh", "shipped", "SF1", ("SH-1", "IVD-0001", 4, 4)),
                Instruction("SO-2", "gz", "shipped", "SF2", ("GZ-1", "IVD-0001", 6, 6))),
        };
        var order = Order("C0001", ("IVD-0001", 10, 0.1m));
        order["orderNo"] = "SO-2";

        var result = Run(Flow, "settleShipments", order, records, []);

        Assert.That(Number(result.Vars["shippedAmount"]), Is.EqualTo(1m));
        Assert.That(Text(result.Form["shipmentStatus"]), Is.EqualTo("shipped"));
        Assert.That(Text(result.Form["trackingNo"]), Is.EqualTo("sh: SF1; gz: SF2"));
    }

    /// <summary>A withdrawal settles the open shipments but leaves the order's status to the withdrawal path.</summary>
    [Test]
    public void Settle_WithdrawalKeepsStatus()
    {
        var records = new JsonObject
        {
            ["shipping-instruction"] = new JsonArray(
                Instruction("SO-3", "sh", "pending", null, ("SH-1", "IVD-0001", 4, null))),
        };
        var order = Order("C0001", ("IVD-0001", 4, 10m));
        order["orderNo"] = "SO-3";
        order["status"] = "reserved";
        var vars = new JsonObject { ["withdrawal"] = new JsonObject { ["by"] = "sales-east-1", ["comment"] = "改期" } };

        var result = Run(Flow, "settleShipments", order, records, vars);

        Assert.That(Number(result.Vars["shippedAmount"]), Is.EqualTo(0m));
        Assert.That(Text(result.Form["status"]), Is.EqualTo("reserved"));
        Assert.That(result.Form["cancelReason"], Is.Null);
        Assert.That(Text(result.Form["shipmentSummary"]), Is.EqualTo("sh 仓：撤回时尚未发货"));
    }

    [Test]
    public void StockCheck_NoAllocationNoWarehouse()
    {
        var records = new JsonObject { ["stock-batch"] = new JsonArray() };

        var result = Run(Flow, "stockCheck", Order("C0001", ("IVD-0001", 5, 10m)), records, []);

        Assert.That(result.Form["shippingWarehouse"], Is.Null);
        Assert.That(Text(result.Form["status"]), Is.EqualTo("backorder"));
    }

    private static (string BatchNo, decimal Allocated, decimal Shipped)[] BatchesOf(JsonNode shipment) =>
        [.. shipment["lines"]!.AsArray().Select(line => (
            Text(line!["batchNo"]), Number(line["allocatedQuantity"]), Number(line["shippedQuantity"])))];

    private static JsonObject Instruction(
        string orderNo, string warehouse, string status, string? trackingNo,
        params (string BatchNo, string Product, int Quantity, int? Shipped)[] lines) => new()
    {
        ["orderNo"] = orderNo,
        ["instructionNo"] = "SI-" + warehouse,
        ["warehouse"] = warehouse,
        ["status"] = status,
        ["trackingNo"] = trackingNo,
        ["shippedDate"] = status == "shipped" ? Date(0) : null,
        ["lines"] = new JsonArray([.. lines.Select(line => (JsonNode)new JsonObject
        {
            ["batchNo"] = line.BatchNo,
            ["product"] = line.Product,
            ["quantity"] = line.Quantity,
            ["shippedQuantity"] = line.Shipped,
        })]),
    };

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
