using System.Text.Json.Nodes;
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
        var message = Text(result.Vars["warehouseMessage"]);
        Assert.That(message, Does.Contain("EXPIRED").And.Contain("DAY30").And.Contain("DAY31").And.Contain("DAY90"));
        Assert.That(message, Does.Not.Contain("DAY91").And.Not.Contain("HELD").And.Not.Contain("FLAGGED"));
        Assert.That(Text(result.Vars["salesMessage"]), Does.Not.Contain("EXPIRED"));
    }
}
