namespace WorkflowKit.Forecasting.Csv;

/// <summary>
/// Escapes text cells of a CSV file so that Excel, LibreOffice Calc and Google Sheets show them as text instead of
/// running them as formulas. <c>WorkflowKit.Import.SpreadsheetText</c> does the same for record exports. This
/// project references no other WorkflowKit project, so it keeps its own copy.
/// </summary>
internal static class SpreadsheetText
{
    /// <summary>Leading characters that make a spreadsheet read a cell as a formula or split it.</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// Returns <paramref name="text"/> with an apostrophe in front when it starts with <c>=</c>, <c>+</c>,
    /// <c>-</c>, <c>@</c>, a tab or a carriage return, and unchanged otherwise. Use it for text columns only,
    /// because it would also turn a negative number into text.
    /// </summary>
    public static string Escape(string text) =>
        text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0 ? "'" + text : text;
}
