namespace WorkflowKit.Forecasting;

/// <summary>
/// One line of sales history in long form. Several observations of the same series in one period are summed.
/// A negative quantity (a return) is allowed and reduces the period's total.
/// </summary>
/// <param name="Date">Day of the sale; it is mapped to the period that contains it.</param>
/// <param name="Customer">Customer, or null or empty when the history is per product only.</param>
/// <param name="Product">Product code or name; required.</param>
/// <param name="Quantity">Units sold; fractions are allowed.</param>
public sealed record SalesObservation(DateOnly Date, string? Customer, string Product, decimal Quantity);
