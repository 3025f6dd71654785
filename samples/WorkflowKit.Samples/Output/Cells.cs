using System.Globalization;

namespace WorkflowKit.Samples.Output;

/// <summary>Formats values for CSV cells in the invariant culture.</summary>
internal static class Cells
{
    public static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? value) => value is { } date ? Date(date) : string.Empty;

    /// <summary>Formats a date as Kingdee and Yonyou exports print it, such as 2026/3/5.</summary>
    public static string ErpDate(DateOnly value) => value.ToString("yyyy/M/d", CultureInfo.InvariantCulture);

    public static string Boolean(bool value) => value ? "true" : "false";
}
