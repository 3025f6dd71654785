namespace WorkflowKit.Import;

/// <summary>
/// Escapes text cells of a CSV file so that Excel, LibreOffice Calc and Google Sheets show them as text instead of
/// running them as formulas, and removes that escape again when a CSV file is imported.
/// </summary>
public static class SpreadsheetText
{
    /// <summary>Leading characters that make a spreadsheet read a cell as a formula or split it.</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>
    /// Returns <paramref name="text"/> with an apostrophe in front when it starts with <c>=</c>, <c>+</c>,
    /// <c>-</c>, <c>@</c>, a tab or a carriage return, and unchanged otherwise. Use it for text cells only,
    /// because it would also turn a negative number into text. Text that already starts with apostrophes followed
    /// by one of those characters gets one more apostrophe, so that <see cref="Unescape"/> restores it exactly.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NeedsEscape(text) ? "'" + text : text;
    }

    /// <summary>
    /// Returns <paramref name="text"/> without the apostrophe that <see cref="Escape"/> added. One leading apostrophe
    /// is removed when the rest of the text is something <see cref="Escape"/> escapes: it starts with <c>=</c>,
    /// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return, possibly after more apostrophes. Any other text, such
    /// as <c>'abc</c>, <c>'5</c> or a lone apostrophe, is returned unchanged.
    /// </summary>
    public static string Unescape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 1 && text[0] == '\'' && NeedsEscape(text.AsSpan(1)) ? text[1..] : text;
    }

    // True for zero or more apostrophes followed by a formula start.
    private static bool NeedsEscape(ReadOnlySpan<char> text)
    {
        var start = text.TrimStart('\'');
        return start.Length > 0 && Array.IndexOf(FormulaStarts, start[0]) >= 0;
    }
}
