namespace WorkflowKit.Samples.Model;

/// <summary>A product of the sample catalogue with the demand parameters the order history is drawn from.</summary>
/// <remarks>BaseMonthlyUnits is what a mid-sized customer orders in an average month; AnnualGrowth is the
/// demand growth per year, 0.10 for ten percent.</remarks>
internal sealed record SampleProduct(
    string Code,
    string Name,
    string Specification,
    string Category,
    string StorageCondition,
    string Unit,
    decimal ListPrice,
    decimal UnitCost,
    int LeadTimeDays,
    int ShelfLifeMonths,
    string Manufacturer,
    Season Season,
    decimal AnnualGrowth,
    int BaseMonthlyUnits,
    CustomerUse Use);
