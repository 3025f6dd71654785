using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace WorkflowKit.Samples.Tests.Generation;

public sealed class FinanceFileTests : GeneratedSamplesFixture
{
    private static readonly string[] ErpHeader =
        ["客户编码", "客户名称", "单据编号", "单据日期", "到期日", "币别", "原币金额", "已核销金额", "未核销金额", "源单编号", "业务员"];

    private static readonly string[] LedgerHeader =
        ["客户编码", "客户名称", "发票号码", "到期日期", "逾期金额", "逾期天数", "负责销售", "催收情况", "登记日期"];

    [Test]
    public void Erp_Utf8WithByteOrderMarkAndCrlf()
    {
        var bytes = File.ReadAllBytes(PathOf(SampleFiles.ErpReceivables));
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);

        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(text.Split("\r\n")[0], Is.EqualTo(string.Join(",", ErpHeader)));
        Assert.That(text.Replace("\r\n", string.Empty, StringComparison.Ordinal), Does.Not.Contain("\n"));
    }

    [Test]
    public void Erp_RowsMatchShippedOrders()
    {
        var orders = Orders.Rows.ToDictionary(row => row["orderNo"], StringComparer.Ordinal);
        var customers = CustomersByCode();

        Assert.That(Erp.Rows.Select(row => row["单据编号"]), Is.Unique);
        foreach (var row in Erp.Rows)
        {
            Assert.That(orders.ContainsKey(row["源单编号"]), Is.True, row["单据编号"]);
            var order = orders[row["源单编号"]];
            var customer = customers[row["客户编码"]];
            Assert.That(order["status"], Is.EqualTo("shipped"), row["单据编号"]);
            Assert.That(row["客户编码"], Is.EqualTo(order["customer"]), row["单据编号"]);
            Assert.That(row["客户名称"], Is.EqualTo(customer["name"]), row["单据编号"]);
            Assert.That(Values.Money(row["原币金额"]), Is.EqualTo(Values.Money(order["total"])), row["单据编号"]);
            Assert.That(Values.ErpDate(row["单据日期"]), Is.EqualTo(Values.Date(order["shippedDate"])), row["单据编号"]);
            Assert.That(Values.ErpDate(row["到期日"]),
                Is.EqualTo(Values.ErpDate(row["单据日期"]).AddDays(Values.Integer(customer["paymentTermDays"]))),
                row["单据编号"]);
        }
    }

    [Test]
    public void Erp_OpenAmountIsAmountLessPaid()
    {
        foreach (var row in Erp.Rows)
        {
            var amount = Values.Money(row["原币金额"]);
            var paid = Values.Money(row["已核销金额"]);
            Assert.That(paid, Is.InRange(0m, amount), row["单据编号"]);
            Assert.That(Values.Money(row["未核销金额"]), Is.EqualTo(amount - paid), row["单据编号"]);
        }
    }

    [Test]
    public void Erp_CustomerTotalsMatchOrders()
    {
        var from = Today.AddYears(-1);
        var invoiced = Erp.Rows
            .Where(row => Values.ErpDate(row["单据日期"]) >= from)
            .GroupBy(row => row["客户编码"])
            .ToDictionary(group => group.Key, group => group.Sum(row => Values.Money(row["原币金额"])));
        var shipped = Orders.Rows
            .Where(row => row["status"] == "shipped" && Values.Date(row["shippedDate"]) >= from)
            .GroupBy(row => row["customer"])
            .ToDictionary(group => group.Key, group => group.Sum(row => Values.Money(row["total"])));

        Assert.That(invoiced, Is.EquivalentTo(shipped));
    }

    [Test]
    public void Erp_ContainsEveryOlderOpenInvoice()
    {
        var from = Today.AddYears(-1);
        var older = Erp.Rows.Where(row => Values.ErpDate(row["单据日期"]) < from).ToList();

        Assert.That(older.Select(row => Values.Money(row["未核销金额"])), Has.All.GreaterThan(0m));
    }

    [Test]
    public void Ledger_OneSheetWithChineseHeaders()
    {
        var path = PathOf(SampleFiles.OverdueLedger);

        Assert.That(MiniExcel.GetSheetNames(path), Is.EqualTo(new[] { "逾期台账" }));
        Assert.That(Ledger, Is.Not.Empty);
        Assert.That(Ledger[0].Keys, Is.EqualTo(LedgerHeader));
    }

    [Test]
    public void Ledger_ListsEveryOverdueErpInvoice()
    {
        var overdue = Erp.Rows
            .Where(row => Values.Money(row["未核销金额"]) > 0 && Values.ErpDate(row["到期日"]) < Today)
            .ToDictionary(row => row["单据编号"], StringComparer.Ordinal);
        var ledger = Ledger.ToDictionary(row => (string)row["发票号码"]!, StringComparer.Ordinal);

        Assert.That(overdue.Keys, Is.SubsetOf(ledger.Keys));
        foreach (var (invoice, row) in overdue)
        {
            var line = ledger[invoice];
            var dueDate = DateOnly.FromDateTime((DateTime)line["到期日期"]!);
            Assert.That(Convert.ToDecimal(line["逾期金额"], CultureInfo.InvariantCulture),
                Is.EqualTo(Values.Money(row["未核销金额"])), invoice);
            Assert.That(dueDate, Is.EqualTo(Values.ErpDate(row["到期日"])), invoice);
            Assert.That(Days(line), Is.EqualTo(Today.DayNumber - dueDate.DayNumber), invoice);
        }
    }

    [Test]
    public void Ledger_ExtraLinesPredateErpExport()
    {
        var erpInvoices = Erp.Rows.Select(row => row["单据编号"]).ToHashSet(StringComparer.Ordinal);
        var extra = Ledger.Where(row => !erpInvoices.Contains((string)row["发票号码"]!)).ToList();
        var firstOrder = Orders.Rows.Min(row => Values.Date(row["orderDate"]));

        Assert.That(extra, Is.Not.Empty);
        foreach (var row in extra)
        {
            Assert.That(DateOnly.FromDateTime((DateTime)row["到期日期"]!), Is.LessThan(firstOrder), (string)row["发票号码"]!);
        }
    }

    [Test]
    public void CreditStatus_FollowsOverdueLedger()
    {
        var worstDays = Ledger
            .GroupBy(row => (string)row["客户编码"]!)
            .ToDictionary(group => group.Key, group => group.Max(Days));

        foreach (var customer in Customers.Rows)
        {
            var days = worstDays.GetValueOrDefault(customer["code"]);
            if (customer["creditStatus"] == "normal")
            {
                Assert.That(days, Is.Zero, customer["code"]);
            }

            Assert.That(customer["creditStatus"] == "blocked", Is.EqualTo(days > 180), customer["code"]);
        }

        Assert.That(Customers.Rows.Select(row => row["creditStatus"]).Distinct(),
            Is.EquivalentTo(new[] { "normal", "watch", "restricted", "blocked" }));
    }

    private static int Days(IDictionary<string, object?> row) =>
        Convert.ToInt32(row["逾期天数"], CultureInfo.InvariantCulture);
}
