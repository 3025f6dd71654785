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
}
