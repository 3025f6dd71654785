using System.Globalization;
using WorkflowKit.Samples.Model;

namespace WorkflowKit.Samples.Generation;

/// <summary>
/// Draws the order history month by month: each customer orders each product of its portfolio
/// in most months, in quantities that follow the product's season and growth, split over one to
/// three orders a month. Orders of the last three days are still open; a few older ones were cancelled.
/// </summary>
internal static class OrderFactory
{
    private const decimal MonthlyPurchaseChance = 0.6m;
    private const decimal CancelledShare = 0.015m;
    private const int OpenOrderDays = 3;

    public static List<SampleOrder> Create(
        SeededRandom random, IReadOnlyList<SampleCustomer> customers, IReadOnlyList<SampleProduct> products,
        IReadOnlyDictionary<(string Product, string Region), decimal> prices, DateOnly historyStart, DateOnly today)
    {
        var catalog = products.ToDictionary(product => product.Code, StringComparer.Ordinal);
        var drafts = new List<(DateOnly Date, string Customer, int Sequence, List<SampleOrderLine> Lines)>();
        foreach (var customer in customers)
        {
            var affinity = customer.Portfolio.ToDictionary(
                code => code, _ => random.Between(0.5m, 1.5m), StringComparer.Ordinal);
            for (var month = historyStart; month < today; month = month.AddMonths(1))
            {
                var lastDay = month.AddMonths(1) <= today ? month.AddMonths(1).AddDays(-1) : today.AddDays(-1);
                var monthIndex = ((month.Year - historyStart.Year) * 12) + month.Month - historyStart.Month;
                var lines = new List<SampleOrderLine>();
                foreach (var code in customer.Portfolio)
                {
                    var product = catalog[code];
                    var quantity = Quantity(random, product, customer, affinity[code], month.Month, monthIndex);
                    if (quantity > 0 && random.Chance(MonthlyPurchaseChance))
                    {
                        lines.Add(new SampleOrderLine(code, quantity, UnitPrice(prices, product, customer)));
                    }
                }

                SplitIntoOrders(random, customer, month, lastDay, lines, drafts);
            }
        }

        return Number(random, drafts, today);
    }

    public static decimal UnitPrice(
        IReadOnlyDictionary<(string Product, string Region), decimal> prices, SampleProduct product,
        SampleCustomer customer) =>
        Math.Round(
            prices[(product.Code, customer.Region)] * (1m - customer.Discount), 2, MidpointRounding.AwayFromZero);

    private static int Quantity(
        SeededRandom random, SampleProduct product, SampleCustomer customer, decimal affinity, int month,
        int monthIndex)
    {
        var growth = Math.Max(0.1m, 1m + (product.AnnualGrowth * monthIndex / 12m));
        var expected = product.BaseMonthlyUnits * customer.Size * affinity * Seasonality.Factor(product.Season, month)
            * growth * random.Noise(0.35m);
        var quantity = (int)Math.Round(expected, MidpointRounding.AwayFromZero);
        return product.Unit == "支" && quantity >= 50
            ? (int)Math.Round(quantity / 10m, MidpointRounding.AwayFromZero) * 10
            : quantity;
    }

    private static void SplitIntoOrders(
        SeededRandom random, SampleCustomer customer, DateOnly month, DateOnly lastDay, List<SampleOrderLine> lines,
        List<(DateOnly, string, int, List<SampleOrderLine>)> drafts)
    {
        if (lines.Count == 0 || lastDay < month)
        {
            return;
        }

        var count = Math.Min(lines.Count, OrdersPerMonth(random, customer));
        var orders = Enumerable.Range(0, count).Select(_ => new List<SampleOrderLine>()).ToList();
        foreach (var (line, index) in lines.Select((line, index) => (line, index)))
        {
            orders[index < count ? index : random.Next(count)].Add(line);
        }

        foreach (var orderLines in orders)
        {
            var date = Workday(month.AddDays(random.Next(lastDay.Day - month.Day + 1)), month, lastDay);
            drafts.Add((date, customer.Code, drafts.Count, orderLines));
        }
    }

    private static int OrdersPerMonth(SeededRandom random, SampleCustomer customer) =>
        (customer.CustomerType, customer.HospitalGrade) switch
        {
            ("hospital", "grade3A") => random.Between(2, 3),
            ("hospital", "grade3B" or "grade2A") => random.Between(1, 2),
            ("cdc", _) => random.Between(1, 2),
            _ => 1,
        };

    /// <summary>
    /// Moves a weekend date to the Friday before, or at the start of a month to the Monday after. A date
    /// that can move neither way inside [<paramref name="first"/>, <paramref name="last"/>] stays as it is.
    /// </summary>
    private static DateOnly Workday(DateOnly date, DateOnly first, DateOnly last)
    {
        var back = date.DayOfWeek switch { DayOfWeek.Saturday => -1, DayOfWeek.Sunday => -2, _ => 0 };
        if (date.AddDays(back) >= first)
        {
            return date.AddDays(back);
        }

        var forward = date.AddDays(date.DayOfWeek == DayOfWeek.Saturday ? 2 : 1);
        return forward <= last ? forward : date;
    }

    private static List<SampleOrder> Number(
        SeededRandom random, List<(DateOnly Date, string Customer, int Sequence, List<SampleOrderLine> Lines)> drafts,
        DateOnly today)
    {
        var orders = new List<SampleOrder>();
        foreach (var day in drafts.GroupBy(draft => draft.Date).OrderBy(group => group.Key))
        {
            var sequence = 0;
            foreach (var draft in day.OrderBy(draft => draft.Customer, StringComparer.Ordinal)
                         .ThenBy(draft => draft.Sequence))
            {
                sequence++;
                var orderNo = string.Create(CultureInfo.InvariantCulture, $"SO-{draft.Date:yyyyMMdd}-{sequence:D4}");
                orders.Add(Settle(random, orderNo, draft.Customer, draft.Date, draft.Lines, today));
            }
        }

        return orders;
    }

    private static SampleOrder Settle(
        SeededRandom random, string orderNo, string customer, DateOnly date, List<SampleOrderLine> lines,
        DateOnly today)
    {
        if (date > today.AddDays(-OpenOrderDays - 1))
        {
            return new SampleOrder(orderNo, customer, date, lines, "submitted", null);
        }

        if (random.Chance(CancelledShare))
        {
            return new SampleOrder(orderNo, customer, date, lines, "cancelled", null);
        }

        var shipped = date.AddDays(random.Between(1, 3));
        var shippedDate = shipped < today ? shipped : today.AddDays(-1);
        return new SampleOrder(orderNo, customer, date, lines, "shipped", shippedDate);
    }
}
