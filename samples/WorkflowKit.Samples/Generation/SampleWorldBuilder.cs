using WorkflowKit.Samples.Model;

namespace WorkflowKit.Samples.Generation;

/// <summary>
/// Draws a <see cref="SampleWorld"/>. Each concern draws from its own stream forked from the seed,
/// so changing how one concern draws does not change the values of the others.
/// </summary>
internal static class SampleWorldBuilder
{
    /// <summary>Months of order history before the month of the sample's date.</summary>
    public const int HistoryMonths = 36;

    public static SampleWorld Build(int seed, DateOnly today)
    {
        var root = new SeededRandom(seed);
        var organization = root.Fork("organization");
        var customerStream = root.Fork("customers");
        var orderStream = root.Fork("orders");
        var paymentStream = root.Fork("payments");
        var ledgerStream = root.Fork("ledger");
        var creditStream = root.Fork("credit");
        var stockStream = root.Fork("stock");
        var purchasingStream = root.Fork("purchasing");

        var historyStart = new DateOnly(today.Year, today.Month, 1).AddMonths(-HistoryMonths);
        var regions = Regions.All;
        var products = ProductCatalog.Products;
        var (departments, users) = OrganizationFactory.Create(organization, regions);
        var prices = RegionalPrices(products, regions, historyStart);
        var priceIndex = prices.ToDictionary(price => (price.Product, price.Region), price => price.UnitPrice);

        var customers = CustomerFactory.Create(customerStream, regions, users, products);
        var orders = OrderFactory.Create(orderStream, customers, products, priceIndex, historyStart, today);
        var byCode = customers.ToDictionary(customer => customer.Code, StringComparer.Ordinal);
        var receivables = ReceivableFactory.Create(paymentStream, orders, byCode, today);
        var ledger = OverdueLedgerFactory.Create(ledgerStream, receivables, customers, historyStart, today);
        customers = CreditFactory.Apply(creditStream, customers, orders, receivables, ledger, today);
        var batches = StockFactory.Create(stockStream, products, today);
        var plans = PurchasePlanFactory.Create(purchasingStream, products, users, today);

        return new SampleWorld(
            seed, today, historyStart, regions, departments, users, products, prices, customers, orders, receivables,
            ledger, batches, plans);
    }

    private static List<SampleRegionalPrice> RegionalPrices(
        IReadOnlyList<SampleProduct> products, IReadOnlyList<SampleRegion> regions, DateOnly validFrom) =>
        [.. products.SelectMany(product => regions.Select(region => new SampleRegionalPrice(
            product.Code,
            region.Key,
            Math.Round(product.ListPrice * region.PriceFactor, 2, MidpointRounding.AwayFromZero),
            validFrom)))];
}
