namespace WorkflowKit.Definitions.Forms;

/// <summary>
/// A number or money field whose value must lie within a percentage range of a field of a record of another form,
/// such as an order line's unit price against the regional price list. The record is the newest one, among those the
/// submitting user may read, whose <see cref="Match"/> fields equal the given fields of the row or the form.
/// </summary>
public sealed class LookupRange
{
    /// <summary>Key of the form whose record contains the reference value.</summary>
    public string Form { get; set; } = string.Empty;

    /// <summary>Field of <see cref="Form"/> that contains the reference value, such as a price.</summary>
    public string ValueField { get; set; } = string.Empty;

    /// <summary>
    /// Fields of <see cref="Form"/> by the field of this form whose value they must equal. Inside a sub-table a name
    /// is a column of the row first, then a top-level field.
    /// </summary>
    public Dictionary<string, string> Match { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Lowest allowed value in percent of the reference value, such as 90; no lower bound when null.</summary>
    public decimal? MinPercent { get; set; }

    /// <summary>Highest allowed value in percent of the reference value; no upper bound when null.</summary>
    public decimal? MaxPercent { get; set; }

    /// <summary>Validity period of the records of <see cref="Form"/>; every matching record counts when null.</summary>
    public RecordValidity? Validity { get; set; }
}
