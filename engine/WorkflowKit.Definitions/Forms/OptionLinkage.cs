namespace WorkflowKit.Definitions.Forms;

/// <summary>
/// Data linkage: the options of a field depend on the value of another field. Either a static
/// map from the source value to allowed option values, or a lookup of records of another form
/// whose <see cref="MatchField"/> equals the source value.
/// </summary>
public sealed class OptionLinkage
{
    /// <summary>Field whose value filters the options.</summary>
    public string SourceField { get; set; } = string.Empty;

    /// <summary>Allowed option values per source value.</summary>
    public Dictionary<string, List<string>>? Map { get; set; }

    /// <summary>Form whose records supply the options.</summary>
    public string? Form { get; set; }

    /// <summary>Field of <see cref="Form"/> compared with the source value.</summary>
    public string? MatchField { get; set; }

    /// <summary>Field of <see cref="Form"/> that holds the option value.</summary>
    public string? ValueField { get; set; }
}
