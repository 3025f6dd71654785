namespace WorkflowKit.Permissions;

/// <summary>Operations a <see cref="Definitions.Packages.PermissionRule"/> grants on a form's records.</summary>
public static class PermissionActions
{
    public const string Read = "read";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";

    /// <summary>Export to a file; rows and fields exported are those the same rule lets the user read.</summary>
    public const string Export = "export";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Read, Create, Update, Delete, Export,
    };
}
