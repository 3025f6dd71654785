namespace WorkflowKit.Samples.Output;

/// <summary>
/// One order line inside the JSON "lines" cell of orders.csv, which the importer reads as sub-table rows.
/// </summary>
internal sealed record OrderLineCell(string Product, int Quantity, decimal UnitPrice);
