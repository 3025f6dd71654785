namespace WorkflowKit.Designer.Accounts;

/// <summary>Where the roles page found a role.</summary>
public enum RoleOrigin
{
    /// <summary>A role the designer and the built-in templates define.</summary>
    BuiltIn,

    /// <summary>A role an administrator created on the roles page.</summary>
    Custom,

    /// <summary>A role that only a published flow's assignee or recipient rule names.</summary>
    Flow,

    /// <summary>A role that only user accounts hold.</summary>
    Account,
}
