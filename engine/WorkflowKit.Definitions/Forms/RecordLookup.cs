namespace WorkflowKit.Definitions.Forms;

/// <summary>
/// A text field whose value must be the <see cref="ValueField"/> of a record of <see cref="Form"/> that the submitting
/// user may read, such as a customer code on an order. The check runs with the submitting user's data permissions
/// wherever the form is validated with a record reader: starts, resubmissions and record writes of a user.
/// </summary>
public sealed class RecordLookup
{
    /// <summary>Key of the form whose records supply the allowed values.</summary>
    public string Form { get; set; } = string.Empty;

    /// <summary>Field of <see cref="Form"/> that contains the value, such as <c>code</c>, which should be unique there.</summary>
    public string ValueField { get; set; } = string.Empty;

    /// <summary>
    /// Fields that the work portal fills when the user picks a record: fields of this form (columns of the same row
    /// for a sub-table column) by the field of <see cref="Form"/> whose value they take. Only the page fills them, so
    /// the user may still change them; <see cref="RecordValue"/> is the copy that the server makes.
    /// </summary>
    public Dictionary<string, string>? Fill { get; set; }
}
