namespace WorkflowKit.Samples;

/// <summary>Names of the files the sample data generator writes, relative to its output folder.</summary>
public static class SampleFiles
{
    /// <summary>Index of the other files: which form each one loads into and with which import mapping.</summary>
    public const string Index = "sample-data.json";

    public const string Customers = "customers.csv";
    public const string Products = "products.csv";
    public const string RegionalPrices = "regional-prices.csv";
    public const string StockBatches = "stock-batches.csv";
    public const string Orders = "orders.csv";
    public const string PurchasePlans = "purchase-plans.csv";

    /// <summary>
    /// Receivables as an ERP such as Kingdee exports them: Chinese headers, UTF-8 with a byte order mark.
    /// </summary>
    public const string ErpReceivables = "erp-receivables.csv";

    /// <summary>Finance's overdue ledger: one Excel sheet with Chinese headers.</summary>
    public const string OverdueLedger = "overdue-records.xlsx";

    /// <summary>Order lines in long form (date,customer,product,quantity) for demand forecasting.</summary>
    public const string SalesHistory = "sales-history.csv";

    /// <summary>Demo departments and users with roles and regions.</summary>
    public const string Users = "users.json";

    /// <summary>Import mapping from the ERP receivables export to the receivable form.</summary>
    public const string ReceivablesMapping = "mappings/kingdee-receivables.mapping.json";

    /// <summary>Import mapping from the overdue ledger to the overdue-record form.</summary>
    public const string OverdueMapping = "mappings/overdue-ledger.mapping.json";

    /// <summary>Every file written, in the order the generator writes them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Customers, Products, RegionalPrices, StockBatches, Orders, PurchasePlans, ErpReceivables, OverdueLedger,
        SalesHistory, Users, ReceivablesMapping, OverdueMapping, Index,
    ];
}
