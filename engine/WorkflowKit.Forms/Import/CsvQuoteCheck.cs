using System.Globalization;
using System.Text;
using CsvHelper;

namespace WorkflowKit.Import;

/// <summary>
/// Finds a quoted CSV field whose closing quote is missing. CsvHelper reads such a field to the end of the file, so
/// without this check every later row would end up in one cell of the last good row and the import would write it.
/// </summary>
internal static class CsvQuoteCheck
{
    private const int ShownCharacters = 30;

    /// <summary>
    /// Parses the whole stream and rewinds it. Throws when a field opens with a quote that is never closed, naming
    /// the file, the row where the field began, its column and the start of its text, in Chinese for a zh
    /// <paramref name="culture"/> and in English otherwise, as the row errors of an import are.
    /// </summary>
    /// <exception cref="InvalidDataException">A quoted field has no closing quote.</exception>
    public static async Task ThrowIfUnclosedAsync(
        Stream stream, Encoding encoding, string name, CultureInfo culture, CancellationToken cancellationToken)
    {
        var start = stream.Position;
        string[]? header = null;
        string lastRecord = string.Empty;
        long lastRow = 0, lastStartLine = 0, previousEndLine = 0;
        string delimiter;
        using (var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
        using (var parser = new CsvParser(reader, CsvImportSource.Configuration(badDataFound: null), leaveOpen: true))
        {
            while (await parser.ReadAsync().ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                header ??= parser.Record;

                // Only the last record can hold an unclosed quote, because such a field runs to the end of the file.
                lastRecord = parser.RawRecord;
                lastRow = parser.Row;
                lastStartLine = previousEndLine + 1;
                previousEndLine = parser.RawRow;
            }

            delimiter = parser.Delimiter;
        }

        stream.Position = start;
        if (UnclosedField(lastRecord, delimiter) is { } unclosed)
        {
            var column = header is not null && unclosed.Index < header.Length ? header[unclosed.Index].Trim() : null;
            throw new InvalidDataException(Message(name, lastRow, lastStartLine, column, unclosed.Text, culture));
        }
    }

    /// <summary>
    /// Returns the index and the text after the opening quote of a field in <paramref name="record"/> that opens
    /// with a quote and is not closed by its end; null when every quoted field is closed. A doubled quote inside a
    /// quoted field is an escaped quote, and a quote that does not start a field is literal text, as CsvHelper reads it.
    /// </summary>
    private static (int Index, string Text)? UnclosedField(string record, string delimiter)
    {
        var index = 0;
        var position = 0;
        while (position < record.Length)
        {
            if (record[position] == '"')
            {
                var opening = position;
                position++;
                var closed = false;
                while (position < record.Length)
                {
                    if (record[position] == '"')
                    {
                        if (position + 1 < record.Length && record[position + 1] == '"')
                        {
                            position += 2;
                            continue;
                        }

                        closed = true;
                        position++;
                        break;
                    }

                    position++;
                }

                if (!closed)
                {
                    return (index, record[(opening + 1)..]);
                }
            }

            var next = record.IndexOf(delimiter, position, StringComparison.Ordinal);
            if (next < 0)
            {
                break;
            }

            position = next + delimiter.Length;
            index++;
        }

        return null;
    }

    private static string Message(
        string name, long row, long line, string? column, string field, CultureInfo culture)
    {
        var zh = ImportMessages.IsChinese(culture);
        var lineText = line.ToString(CultureInfo.InvariantCulture);
        var location = (line == row, zh) switch
        {
            (true, true) => $"{name} 第 {row} 行",
            (true, false) => $"{name} row {row}",
            (false, true) => $"{name} 第 {row} 行（文件的第 {lineText} 行）",
            (false, false) => $"{name} row {row} (line {lineText} of the file)",
        };
        if (!string.IsNullOrEmpty(column))
        {
            location += zh ? $"，“{column}” 列" : $", column \"{column}\"";
        }

        var text = field.ReplaceLineEndings(" ");
        var preview = text.Length > ShownCharacters ? text[..ShownCharacters] + "…" : text;
        return zh
            ? $"{location}：以 “{preview}” 开头的带引号的值没有结束引号，文件的其余部分会被读进这一个单元格，所以没有导入" +
              "任何内容。请补上结束引号（\"）或删除开头的引号，然后重新导入文件。"
            : $"{location}: the quoted value that starts with \"{preview}\" has no closing quote, so the rest of the " +
              "file would be read into this one cell and nothing was imported. Add the closing quote (\") or remove " +
              "the opening one, then import the file again.";
    }
}
