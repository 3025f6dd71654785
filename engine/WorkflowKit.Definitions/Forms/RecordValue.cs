namespace WorkflowKit.Definitions.Forms;

/// <summary>
/// A top-level field that the server copies from a record of another form at a start or a resubmission, such as an
/// order's region from its customer. The record is the newest one, among those the initiator may read, whose
/// <see cref="Match"/> fields equal the given fields of the submitted data.
/// </summary>
public sealed class RecordValue
{
    /// <summary>Key of the form whose record supplies the value.</summary>
    public string Form { get; set; } = string.Empty;

    /// <summary>Field of <see cref="Form"/> whose value is copied.</summary>
    public string ValueField { get; set; } = string.Empty;

    /// <summary>Fields of <see cref="Form"/> by the top-level field of this form whose value they must equal.</summary>
    public Dictionary<string, string> Match { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Validity period of the records of <see cref="Form"/>; every matching record counts when null.</summary>
    public RecordValidity? Validity { get; set; }
}
