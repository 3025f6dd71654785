namespace WorkflowKit.Samples.Model;

/// <summary>A stock batch of one product in one warehouse.</summary>
internal sealed record SampleBatch(
    string BatchNo,
    string Product,
    string Warehouse,
    int Quantity,
    int ReservedQuantity,
    DateOnly ManufactureDate,
    DateOnly ExpiryDate,
    string Status,
    string ExpiryAlert);
