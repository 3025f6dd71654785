namespace WorkflowKit.Replenishment.Planning;

/// <summary>One batch of a product in stock, as the <c>stock-batch</c> form holds it.</summary>
/// <param name="BatchNo">Batch number.</param>
/// <param name="Product">Product code.</param>
/// <param name="Warehouse">Warehouse code, or null.</param>
/// <param name="Quantity">Units on hand.</param>
/// <param name="ReservedQuantity">Units reserved for open orders; only the rest is free.</param>
/// <param name="ExpiryDate">Expiry date, or null when the batch does not expire.</param>
/// <param name="Status">available, quarantined or expired; only available batches are usable.</param>
public sealed record StockBatch(
    string BatchNo,
    string Product,
    string? Warehouse,
    decimal Quantity,
    decimal ReservedQuantity,
    DateOnly? ExpiryDate,
    string Status)
{
    /// <summary>Units not reserved, never below zero.</summary>
    public decimal FreeQuantity => Math.Max(0m, Quantity - ReservedQuantity);
}
