using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using MiniExcelLibs;

namespace WorkflowKit.Samples.Output;

/// <summary>
/// Writes one sheet of an .xlsx workbook with MiniExcel, then rewrites the zip container so that the
/// same rows always give the same bytes: MiniExcel stamps each zip entry with the current time and
/// names the workbook's relationships with random GUIDs, so the copy gets a fixed entry time and
/// relationship ids numbered in order of appearance.
/// </summary>
internal static partial class ExcelTable
{
    private static readonly DateTimeOffset EntryTime = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Write(
        string path, string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                cells[header[i]] = row[i];
            }

            return cells;
        }).ToList();

        using var workbook = new MemoryStream();
        workbook.SaveAs(sheet, sheetName: sheetName, excelType: ExcelType.XLSX);
        workbook.Position = 0;
        using var output = File.Create(path);
        Repack(workbook, output);
    }

    private static void Repack(Stream source, Stream target)
    {
        var relationshipIds = new Dictionary<string, string>(StringComparer.Ordinal);
        using var input = new ZipArchive(source, ZipArchiveMode.Read);
        using var result = new ZipArchive(target, ZipArchiveMode.Create);
        foreach (var entry in input.Entries)
        {
            using var buffer = new MemoryStream();
            using (var from = entry.Open())
            {
                from.CopyTo(buffer);
            }

            var content = buffer.ToArray();
            if (entry.FullName.EndsWith(".xml", StringComparison.Ordinal) ||
                entry.FullName.EndsWith(".rels", StringComparison.Ordinal))
            {
                content = RenumberRelationships(content, relationshipIds);
            }

            var copy = result.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = EntryTime;
            using var to = copy.Open();
            to.Write(content);
        }
    }

    private static byte[] RenumberRelationships(byte[] content, Dictionary<string, string> ids)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var text = encoding.GetString(content);
        var renumbered = GuidRelationshipId().Replace(text, match =>
        {
            if (!ids.TryGetValue(match.Value, out var id))
            {
                id = "rId" + (ids.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                ids[match.Value] = id;
            }

            return id;
        });
        return renumbered == text ? content : encoding.GetBytes(renumbered);
    }

    /// <summary>Matches the relationship ids MiniExcel makes from a GUID, such as R1f0c…(32 hex digits).</summary>
    [GeneratedRegex("\\bR[0-9a-f]{32}\\b")]
    private static partial Regex GuidRelationshipId();
}
