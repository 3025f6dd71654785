namespace WorkflowKit.Designer.Hosting;

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    /// <summary>Edit and publish forms and flows: admins and process owners.</summary>
    public const string Design = "design";

    /// <summary>Users, data imports, template packages: admins.</summary>
    public const string Admin = "admin";
}
