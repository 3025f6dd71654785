using System.Globalization;

namespace WorkflowKit.Import;

/// <summary>How an import maps, converts, validates and commits rows.</summary>
public sealed record ImportOptions
{
    /// <summary>
    /// The column mapping; when null, each header that equals a field id or label maps to that field.
    /// </summary>
    public ImportMapping? Mapping { get; init; }

    /// <summary>
    /// False (the default): all or nothing, one transaction and any rejected row writes nothing.
    /// True: rejected rows are reported and skipped, and good rows commit in batches.
    /// </summary>
    public bool SkipBadRows { get; init; }

    /// <summary>
    /// Insert (the default): every row creates a record. Upsert: a row whose unique or serial number value a record
    /// has updates that record with the file's columns, and writes nothing when they already hold the row's values.
    /// </summary>
    public ImportMode Mode { get; init; } = ImportMode.Insert;

    /// <summary>Rows per transaction when skipping bad rows, and rows between progress reports.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Culture of numbers and dates in the file and of error messages; zh-CN by default.</summary>
    public CultureInfo Culture { get; init; } = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Time zone of date-times written without an offset; Asia/Shanghai by default.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public IProgress<ImportProgress>? Progress { get; init; }

    /// <summary>Starts a flow per written row; null when the form's flow has no import trigger.</summary>
    public IImportRowStarter? RowStarter { get; init; }

    /// <summary>Maximum number of row errors kept in the result; later errors are counted but not kept.</summary>
    public int MaxErrors { get; init; } = 1000;
}
