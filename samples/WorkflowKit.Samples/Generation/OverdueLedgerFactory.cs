using System.Globalization;
using WorkflowKit.Samples.Model;

namespace WorkflowKit.Samples.Generation;

/// <summary>
/// Builds finance's overdue ledger: one line per open invoice whose due date has passed, as of the
/// sample's date, plus for each delinquent customer one overdue invoice from before the ERP was
/// introduced, which the ERP export does not contain.
/// </summary>
internal static class OverdueLedgerFactory
{
    private static readonly string[] FollowUps =
    [
        "已电话催收，客户承诺月底付款",
        "已发催款函",
        "客户付款审批中",
        "已对账，等待付款",
        "财务科长更换，需重新对账",
        "客户反映资金紧张，申请分期",
        "",
    ];

    public static List<SampleOverdueRecord> Create(
        SeededRandom random, IReadOnlyList<SampleReceivable> receivables, IReadOnlyList<SampleCustomer> customers,
        DateOnly historyStart, DateOnly today)
    {
        var ledger = receivables
            .Where(receivable => receivable.Outstanding > 0 && receivable.DueDate < today)
            .OrderBy(receivable => receivable.Customer, StringComparer.Ordinal)
            .ThenBy(receivable => receivable.DueDate)
            .ThenBy(receivable => receivable.InvoiceNo, StringComparer.Ordinal)
            .Select(receivable => new SampleOverdueRecord(
                receivable.Customer, receivable.InvoiceNo, receivable.DueDate, receivable.Outstanding,
                today.DayNumber - receivable.DueDate.DayNumber, random.Pick(FollowUps)))
            .ToList();

        var legacy = 0;
        foreach (var customer in customers.Where(customer => customer.Payer == PayerKind.Delinquent))
        {
            legacy++;
            var dueDate = historyStart.AddDays(-random.Between(30, 200));
            var amount = Math.Round(random.Between(8_000m, 60_000m), 2);
            var invoiceNo = string.Create(CultureInfo.InvariantCulture, $"LG-{dueDate:yyyy}-{legacy:D4}");
            ledger.Add(new SampleOverdueRecord(
                customer.Code, invoiceNo, dueDate, amount, today.DayNumber - dueDate.DayNumber, "旧系统遗留欠款，已起诉"));
        }

        return ledger;
    }
}
