namespace WorkflowKit.Definitions.Flows;

/// <summary>Names of assignee rule types.</summary>
public static class AssigneeTypes
{
    /// <summary>A user by id.</summary>
    public const string User = "user";

    /// <summary>Every user holding a role.</summary>
    public const string Role = "role";

    /// <summary>Every member of a department.</summary>
    public const string Department = "department";

    /// <summary>The manager of a department.</summary>
    public const string DepartmentManager = "departmentManager";

    /// <summary>The user or users in a member field of the form.</summary>
    public const string Field = "field";

    /// <summary>A JavaScript expression yielding a user id or an array of them.</summary>
    public const string Expression = "expression";

    /// <summary>The user who started the instance.</summary>
    public const string Initiator = "initiator";

    /// <summary>The manager of the initiator's department.</summary>
    public const string InitiatorManager = "initiatorManager";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        User, Role, Department, DepartmentManager, Field, Expression, Initiator, InitiatorManager,
    };
}
