namespace WorkflowKit.Forecasting.Csv;

/// <summary>A sales history CSV file that cannot be read, with the place and the value at fault.</summary>
public sealed class SalesCsvException : FormatException
{
    public SalesCsvException(string message, long line, string? column = null, string? value = null)
        : base(message)
    {
        Line = line;
        Column = column;
        Value = value;
    }

    public SalesCsvException()
    {
    }

    public SalesCsvException(string message)
        : base(message)
    {
    }

    public SalesCsvException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>1-based line number in the file; the header is line 1. Zero when not tied to a line.</summary>
    public long Line { get; }

    /// <summary>Header name of the column at fault, or null when the whole line is at fault.</summary>
    public string? Column { get; }

    /// <summary>Text of the invalid field as read, or null.</summary>
    public string? Value { get; }

    /// <summary>
    /// Errors found in the file, in line order, up to 1,000. <see cref="Line"/>, <see cref="Column"/> and
    /// <see cref="Value"/> are those of the first. Empty when the exception describes one error only.
    /// </summary>
    public IReadOnlyList<SalesCsvException> Errors { get; init; } = [];

    /// <summary>Number of errors found in the file, including those past the 1,000 kept in <see cref="Errors"/>.</summary>
    public int ErrorCount { get; init; } = 1;
}
