using System.Text.Json.Serialization;
using WorkflowKit.Definitions.Conditions;

namespace WorkflowKit.Definitions.Packages;

/// <summary>
/// Data permission of one role on one form. A user sees a record when any rule of any of their
/// roles admits it: <see cref="Rows"/> holds (rules may compare with "user.region" and other
/// attributes through <see cref="Rule.ValueFrom"/>), or <see cref="Own"/> and the user created
/// it, or <see cref="Participant"/> and the user acted on or was CC'd on its instance.
/// A role without rules on a form sees none of its records.
/// </summary>
public sealed class PermissionRule
{
    public string Role { get; set; } = string.Empty;

    public string Form { get; set; } = string.Empty;

    /// <summary>Allowed operations: read, create, update, delete, export.</summary>
    public List<string> Actions { get; set; } = ["read"];

    /// <summary>Rows admitted; all rows when neither this, <see cref="Own"/> nor <see cref="Participant"/> is set.</summary>
    public Condition? Rows { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]

    public bool Own { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]

    public bool Participant { get; set; }

    /// <summary>Fields this role never sees on this form, in any read path.</summary>
    public List<string>? HiddenFields { get; set; }
}
