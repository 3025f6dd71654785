namespace WorkflowKit.Forecasting.Csv;

/// <summary>
/// Errors of the rows of one sales file, kept up to <see cref="MaxErrors"/>, with the number of rows read and of
/// invalid rows, so that a reader can report them all at the end instead of stopping at the first.
/// </summary>
internal sealed class SalesCsvErrors
{
    /// <summary>Maximum number of errors kept, as in the record import. Errors past it are still counted.</summary>
    public const int MaxErrors = 1000;

    /// <summary>Maximum number of errors written into the exception message, as many as the record import prints.</summary>
    public const int ShownErrors = 20;

    private readonly string _prefix;
    private readonly List<SalesCsvException> _errors = [];
    private readonly HashSet<long> _invalidLines = [];
    private int _errorCount;
    private long _rows;

    public SalesCsvErrors(string prefix)
    {
        _prefix = prefix;
    }

    public void CountRow() => _rows++;

    public void Add(SalesCsvException error)
    {
        _errorCount++;
        _invalidLines.Add(error.Line);
        if (_errors.Count < MaxErrors)
        {
            _errors.Add(error);
        }
    }

    /// <summary>
    /// Runs <paramref name="parse"/> on one field and returns its value, or reports its error and returns null.
    /// </summary>
    public T? Check<T>(Func<T> parse)
        where T : struct
    {
        try
        {
            return parse();
        }
        catch (SalesCsvException error)
        {
            Add(error);
            return null;
        }
    }

    /// <summary>Runs <paramref name="parse"/> on one field and returns its result, or reports its error and returns null.</summary>
    public T? CheckObject<T>(Func<T> parse)
        where T : class
    {
        try
        {
            return parse();
        }
        catch (SalesCsvException error)
        {
            Add(error);
            return null;
        }
    }

    /// <summary>
    /// Throws when any row was invalid: one error as it is, several as one <see cref="SalesCsvException"/> whose
    /// message lists the first <see cref="ShownErrors"/> and counts the invalid rows.
    /// </summary>
    /// <exception cref="SalesCsvException">At least one row was invalid.</exception>
    public void ThrowIfAny()
    {
        if (_errorCount == 0)
        {
            return;
        }

        if (_errorCount == 1)
        {
            throw _errors[0];
        }

        // Errors about the file's dates as a whole are found after the last row, so they are put in line order here.
        var ordered = _errors.OrderBy(error => error.Line).ToList();
        _errors.Clear();
        _errors.AddRange(ordered);

        var lines = _errors.Take(ShownErrors).Select(error => error.Message).ToList();
        if (_errorCount > ShownErrors)
        {
            lines.Add($"... and {_errorCount - ShownErrors} more errors.");
        }

        var rows = _invalidLines.Count == 1 ? "1 row is" : $"{_invalidLines.Count} rows are";
        lines.Add(
            $"{_prefix}{rows} invalid, with {_errorCount} errors in all ({_rows} data rows read), so nothing was " +
            "read from the file. Correct the rows listed above and run the command again.");
        var first = _errors[0];
        throw new SalesCsvException(string.Join(Environment.NewLine, lines), first.Line, first.Column, first.Value)
        {
            Errors = _errors.ToList(),
            ErrorCount = _errorCount,
        };
    }
}
