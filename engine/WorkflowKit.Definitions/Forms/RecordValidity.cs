namespace WorkflowKit.Definitions.Forms;

/// <summary>
/// The validity period of the records that a <see cref="RecordValue"/> or a <see cref="LookupRange"/> reads, such as
/// the dates of a price list row. Only a record whose period contains the document date counts: its
/// <see cref="FromField"/> is empty or on or before that date, and its <see cref="ToField"/> is empty or on or after
/// it. Among several such records the one with the latest <see cref="FromField"/> counts.
/// </summary>
public sealed class RecordValidity
{
    /// <summary>Date field of the other form on which a record becomes valid, such as <c>validFrom</c>.</summary>
    public string FromField { get; set; } = string.Empty;

    /// <summary>Date field of the other form on which a record stops being valid (inclusive); none when null.</summary>
    public string? ToField { get; set; }

    /// <summary>
    /// Date field of this form that gives the document date, such as an order's <c>orderDate</c>. Inside a sub-table
    /// a name is a column of the row first, then a top-level field. When null or empty, the date is today in the
    /// flow's time zone (the tenant's for record writes).
    /// </summary>
    public string? DateField { get; set; }
}
