namespace WorkflowKit.Replenishment.Planning;

/// <summary>
/// A product as the planner needs it: code, name, purchase lead time in calendar days, and the decimal places of its
/// quantities (<see cref="QuantityDecimals"/>).
/// </summary>
public sealed record ProductInfo(string Code, string? Name, int LeadTimeDays, bool Active = true)
{
    /// <summary>The largest number of decimal places that <see cref="QuantityDecimals"/> accepts.</summary>
    public const int MaxQuantityDecimals = 4;

    /// <summary>
    /// Decimal places of the quantities that people see and confirm: 0 (the default) for a product counted in whole
    /// units, such as boxes, kits or doses. Forecasts stay exact, and only the shown and confirmed figures are rounded.
    /// </summary>
    public int QuantityDecimals { get; init; }

    /// <summary>Rounds a quantity to <see cref="QuantityDecimals"/> places, a half away from zero.</summary>
    public decimal RoundQuantity(decimal quantity) =>
        decimal.Round(quantity, QuantityDecimals, MidpointRounding.AwayFromZero);
}
