using System.Globalization;

namespace WorkflowKit.Samples.Tests;

/// <summary>Parses the cell formats of the sample files.</summary>
internal static class Values
{
    public static decimal Money(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static int Integer(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ErpDate(string text) => DateOnly.ParseExact(text, "yyyy/M/d", CultureInfo.InvariantCulture);
}
