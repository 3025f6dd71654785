using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace WorkflowKit.Samples.Output;

/// <summary>Writes a header and rows of preformatted text cells as CSV with RFC 4180 quoting.</summary>
internal static class CsvTable
{
    /// <summary>
    /// Writes the file, with a UTF-8 byte order mark when <paramref name="byteOrderMark"/> is set (as Excel and
    /// ERP exports have) and <paramref name="newLine"/> ("\r\n" for Windows exports) after each row.
    /// </summary>
    public static void Write(
        string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, bool byteOrderMark,
        string newLine)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = newLine };
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(byteOrderMark));
        using var csv = new CsvWriter(writer, configuration);
        WriteRow(csv, header);
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new InvalidOperationException(
                    $"A row of {Path.GetFileName(path)} has {row.Count} cells but the header has {header.Count}.");
            }

            WriteRow(csv, row);
        }
    }

    private static void WriteRow(CsvWriter csv, IReadOnlyList<string> cells)
    {
        foreach (var cell in cells)
        {
            csv.WriteField(cell);
        }

        csv.NextRecord();
    }
}
