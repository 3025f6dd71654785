namespace WorkflowKit.Samples.Model;

/// <summary>Customer types that buy a product.</summary>
[Flags]
internal enum CustomerUse
{
    None = 0,
    Hospital = 1,
    Cdc = 2,
    Community = 4,
    Clinic = 8,
}
