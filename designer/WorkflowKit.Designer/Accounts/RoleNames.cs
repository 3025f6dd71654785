namespace WorkflowKit.Designer.Accounts;

/// <summary>Roles the designer itself checks; staff roles such as sales come from templates.</summary>
public static class RoleNames
{
    public const string Admin = "admin";
    public const string ProcessOwner = "process-owner";
    public const string Sales = "sales";
    public const string SalesManager = "sales-manager";
    public const string Finance = "finance";
    public const string CreditOfficer = "credit-officer";
    public const string Warehouse = "warehouse";
    public const string Purchasing = "purchasing";

    /// <summary>Roles that may edit and publish definitions.</summary>
    public const string Designers = Admin + "," + ProcessOwner;

    public static IReadOnlyList<string> Known { get; } =
        [Admin, ProcessOwner, Sales, SalesManager, Finance, CreditOfficer, Warehouse];
}
