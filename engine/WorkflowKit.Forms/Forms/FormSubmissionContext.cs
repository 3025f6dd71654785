using System.Globalization;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Storage;

namespace WorkflowKit.Forms;

/// <summary>
/// Who submits, in which language errors are wanted, and where the submission comes from: the
/// flow node's field permissions (null outside a flow), the flow variables, the instance, and
/// an open transaction to write in (imports and engine steps).
/// </summary>
public sealed record FormSubmissionContext(string UserId, CultureInfo Culture)
{
    public IReadOnlyDictionary<string, FieldPermission>? NodePermissions { get; init; }

    public System.Text.Json.Nodes.JsonObject? Variables { get; init; }

    /// <summary>The user who started the flow instance (id, name, department, roles, attributes), for rules.</summary>
    public System.Text.Json.Nodes.JsonObject? Initiator { get; init; }

    public string? InstanceId { get; init; }

    public IStorageTransaction? Transaction { get; init; }

    /// <summary>
    /// Whether to check the user's create/update permission; false for engine steps acting as the system.
    /// </summary>
    public bool CheckPermissions { get; init; } = true;

    /// <summary>Fields whose value could not be read, passed on as <see cref="FormSubmission.UnreadFields"/>.</summary>
    public IReadOnlySet<string>? UnreadFields { get; init; }

    /// <summary>
    /// Whether a create keeps serial numbers given in the data, as
    /// <see cref="Records.RecordWriteContext.KeepGivenSerials"/> describes. Each kept number is then validated for the
    /// field's pattern and for uniqueness.
    /// </summary>
    public bool KeepGivenSerials { get; init; }
}
