using WorkflowKit.Samples.Model;

namespace WorkflowKit.Samples.Generation;

/// <summary>
/// Invoices every shipped order on its shipping date, due after the customer's payment term, and
/// decides from the customer's paying behaviour how much of it is paid by the sample's date.
/// </summary>
internal static class ReceivableFactory
{
    /// <summary>Days before the full payment on which a part payment arrives.</summary>
    private const int PartPaymentLeadDays = 45;

    public static List<SampleReceivable> Create(
        SeededRandom random, IReadOnlyList<SampleOrder> orders, IReadOnlyDictionary<string, SampleCustomer> customers,
        DateOnly today)
    {
        var receivables = new List<SampleReceivable>();
        foreach (var order in orders.Where(order => order.ShippedDate is not null))
        {
            var customer = customers[order.Customer];
            var invoiceDate = order.ShippedDate!.Value;
            var dueDate = invoiceDate.AddDays(customer.PaymentTermDays);
            var amount = order.Total;
            receivables.Add(new SampleReceivable(
                "AR-" + order.OrderNo, order.OrderNo, order.Customer, invoiceDate, dueDate, amount,
                Paid(random, customer.Payer, amount, dueDate, today)));
        }

        return receivables;
    }

    private static decimal Paid(SeededRandom random, PayerKind payer, decimal amount, DateOnly dueDate, DateOnly today)
    {
        var (delay, partChance, neverChance) = payer switch
        {
            PayerKind.Prompt => (random.Between(-20, 5), 0m, 0m),
            PayerKind.Slow => (random.Between(10, 75), 0.3m, 0m),
            _ => (random.Between(60, 260), 0.4m, 0.1m),
        };
        var paysInParts = random.Chance(partChance);
        var partShare = random.Between(0.3m, 0.7m);
        var neverPays = random.Chance(neverChance);
        var paymentDate = dueDate.AddDays(delay);
        if (!neverPays && paymentDate < today)
        {
            return amount;
        }

        return paysInParts && paymentDate.AddDays(-PartPaymentLeadDays) < today
            ? Math.Round(amount * partShare, 2, MidpointRounding.AwayFromZero)
            : 0m;
    }
}
