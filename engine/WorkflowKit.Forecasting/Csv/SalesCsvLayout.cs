namespace WorkflowKit.Forecasting.Csv;

/// <summary>Shape of a sales history CSV file.</summary>
public enum SalesCsvLayout
{
    /// <summary>One row per sale: <c>date,customer,product,quantity</c>, where customer is optional.</summary>
    Long,

    /// <summary>
    /// One row per period: a <c>datum</c> or <c>date</c> column followed by one quantity column per product, as
    /// in the public pharma-sales data set. Each product column becomes a series without a customer.
    /// </summary>
    Wide,
}
