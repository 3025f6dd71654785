namespace WorkflowKit.Samples.Model;

/// <summary>A sample customer with the ordering and paying behaviour its history is drawn from.</summary>
/// <remarks>Size is the demand relative to a mid-sized hospital; Portfolio lists the codes of the products
/// the customer buys; Discount is the share taken off the regional price.</remarks>
internal sealed record SampleCustomer(
    string Code,
    string Name,
    string CustomerType,
    string? HospitalGrade,
    string Region,
    string City,
    string ContactPerson,
    string SalesOwner,
    int PaymentTermDays,
    int MinShelfLifeDays,
    decimal Size,
    decimal Discount,
    PayerKind Payer,
    IReadOnlyList<string> Portfolio)
{
    public decimal CreditLimit { get; init; }

    public string CreditStatus { get; init; } = "pending";

    public DateOnly? LastReviewedOn { get; init; }
}
