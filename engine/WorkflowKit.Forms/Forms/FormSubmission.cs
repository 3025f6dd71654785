using System.Text.Json.Nodes;
using WorkflowKit.Storage;

namespace WorkflowKit.Forms;

/// <summary>
/// The data of one form submission and what validation needs to know about it: the record it
/// updates (so that a unique value does not clash with itself), who submits it, the flow
/// variables that cross-field rules may read, and the transaction it will be written in (so
/// that the uniqueness check finds rows written earlier in the same import).
/// </summary>
public sealed record FormSubmission(JsonObject Data)
{
    public long? RecordId { get; init; }

    public string? UserId { get; init; }

    public JsonObject? Variables { get; init; }

    /// <summary>The submitting user as rules see it ("user.region"): id, name, department, roles, attributes.</summary>
    public JsonObject? User { get; init; }

    /// <summary>The user who started the flow instance, for rules on "initiator.*".</summary>
    public JsonObject? Initiator { get; init; }

    public IStorageTransaction? Transaction { get; init; }

    /// <summary>
    /// Whether unique fields are checked against the form's records. False for data that is not stored as a record of
    /// the form, such as the form of a flow instance that reviews an existing record.
    /// </summary>
    public bool ChecksUniqueness { get; init; } = true;

    /// <summary>
    /// Fields whose submitted value could not be read, such as an import cell that is not a date. Cross-field and row
    /// rules that read one of them are skipped, because they would judge a value that is missing.
    /// </summary>
    public IReadOnlySet<string> UnreadFields { get; init; } = EmptyFields;

    /// <summary>Whether given serial numbers are kept, so that the serial checks run on them.</summary>
    public bool KeepsGivenSerials { get; init; }

    /// <summary>
    /// Today's date in the time zone of the flow that submits the data, for lookups with a validity period whose
    /// document date is empty. When null, the validator's clock and time zone give it.
    /// </summary>
    public DateOnly? Today { get; init; }

    private static readonly IReadOnlySet<string> EmptyFields = new HashSet<string>();
}
