using WorkflowKit.Samples.Model;

namespace WorkflowKit.Samples.Generation;

/// <summary>
/// Sets each customer's credit limit from its sales within one payment term, and its credit status
/// with the rules of the credit review flow: blocked beyond 180 days past due, restricted beyond 90
/// days or above the limit, watch with any overdue invoice or above 80% of the limit, else normal.
/// Two customers per region get a limit below their usual exposure.
/// </summary>
internal static class CreditFactory
{
    private const decimal LimitStep = 10_000m;
    private const decimal MinimumLimit = 50_000m;

    public static List<SampleCustomer> Apply(
        SeededRandom random, IReadOnlyList<SampleCustomer> customers, IReadOnlyList<SampleOrder> orders,
        IReadOnlyList<SampleReceivable> receivables, IReadOnlyList<SampleOverdueRecord> ledger, DateOnly today)
    {
        var tight = customers.GroupBy(customer => customer.Region)
            .SelectMany(region => random.Sample(region.Select(customer => customer.Code).ToList(), 2))
            .ToHashSet(StringComparer.Ordinal);
        var stale = customers.GroupBy(customer => customer.Region)
            .Select(region => random.Pick(region.Select(customer => customer.Code).ToList()))
            .ToHashSet(StringComparer.Ordinal);
        var erpInvoices = receivables.Select(receivable => receivable.InvoiceNo).ToHashSet(StringComparer.Ordinal);

        return [.. customers.Select(customer =>
        {
            var termStart = today.AddDays(-customer.PaymentTermDays);
            var usualExposure = orders
                .Where(order => order.Customer == customer.Code && order.ShippedDate > termStart)
                .Sum(order => order.Total);
            var factor = tight.Contains(customer.Code) ? random.Between(0.75m, 0.95m) : random.Between(1.3m, 2.0m);
            var limit = Math.Max(MinimumLimit, Math.Ceiling(usualExposure * factor / LimitStep) * LimitStep);

            var open = receivables.Where(r => r.Customer == customer.Code && r.Outstanding > 0).ToList();
            var legacy = ledger.Where(l => l.Customer == customer.Code && !erpInvoices.Contains(l.InvoiceNo)).ToList();
            var exposure = open.Sum(r => r.Outstanding) + legacy.Sum(l => l.OverdueAmount);
            var overdueDays = open.Where(r => r.DueDate < today).Select(r => today.DayNumber - r.DueDate.DayNumber)
                .Concat(legacy.Select(l => today.DayNumber - l.DueDate.DayNumber))
                .ToList();
            var maxDays = overdueDays.Count == 0 ? 0 : overdueDays.Max();
            var utilisation = exposure * 100m / limit;
            var status = maxDays > 180 ? "blocked"
                : maxDays > 90 || utilisation > 100m ? "restricted"
                : overdueDays.Count > 0 || utilisation > 80m ? "watch"
                : "normal";
            var reviewed = stale.Contains(customer.Code)
                ? today.AddDays(-random.Between(380, 500))
                : today.AddDays(-random.Between(20, 330));
            return customer with { CreditLimit = limit, CreditStatus = status, LastReviewedOn = reviewed };
        })];
    }
}
