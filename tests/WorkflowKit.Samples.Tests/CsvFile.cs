using System.Globalization;
using System.Text;
using CsvHelper;

namespace WorkflowKit.Samples.Tests;

/// <summary>A CSV file read into its header and rows of cells by column name.</summary>
public sealed record CsvFile(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)
{
    public static CsvFile Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        if (!csv.Read() || csv.Record is null)
        {
            throw new InvalidDataException($"{path} has no header row.");
        }

        var header = csv.Record;
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (csv.Read())
        {
            var record = csv.Record!;
            rows.Add(header.Select((name, i) => (name, record[i]))
                .ToDictionary(cell => cell.name, cell => cell.Item2, StringComparer.Ordinal));
        }

        return new CsvFile(header, rows);
    }
}
