namespace WorkflowKit.Forecasting.Csv;

/// <summary>
/// Escapes text cells of a CSV file so that Excel, LibreOffice Calc and Google Sheets show them as text instead of
/// running them as formulas. It escapes exactly as <c>WorkflowKit.Import.SpreadsheetText.Escape</c> does for record
/// exports, so that <c>workflowkit records import</c> and the admin data import restore the names of a forecast file.
/// This project references no other WorkflowKit project, so it keeps its own copy, and a test checks that the two
/// copies escape alike.
/// </summary>
internal static class SpreadsheetText
{
    /// <summary>Leading characters that make a spreadsheet read a cell as a formula or split it.</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// Returns <paramref name="text"/> with an apostrophe in front when it starts with <c>=</c>, <c>+</c>,
    /// <c>-</c>, <c>@</c>, a tab or a carriage return, and unchanged otherwise. Use it for text columns only,
    /// because it would also turn a negative number into text. Text that already starts with apostrophes followed
    /// by one of those characters gets one more apostrophe, because the import removes one apostrophe from such
    /// text and would otherwise change the name.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = text.AsSpan().TrimStart('\'');
        return start.Length > 0 && Array.IndexOf(FormulaStarts, start[0]) >= 0 ? "'" + text : text;
    }
}
