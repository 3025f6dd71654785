namespace WorkflowKit.Designer.Accounts;

/// <summary>What <see cref="AccountImport.ImportAsync"/> wrote: departments saved, accounts created and accounts updated.</summary>
public sealed record AccountImportResult(int Departments, int Created, int Updated);
