using System.IO.Compression;
using System.Xml;

namespace WorkflowKit.Import;

/// <summary>
/// Finds the formula cells of a worksheet that have no saved result (<c>&lt;f&gt;</c> without <c>&lt;v&gt;</c>).
/// MiniExcel 1.47.1 returns such a cell as empty and does not expose formulas, so the sheet XML is read once more,
/// streaming, before MiniExcel reads the rows.
/// </summary>
internal static class ExcelFormulaCells
{
    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>
    /// Returns the formula of each cell without a saved result, keyed by 1-based row and column letters. The stream is
    /// rewound. A stream that is not a readable package returns an empty map, because MiniExcel then reports the file.
    /// </summary>
    public static Dictionary<(long Row, string Column), ExcelFormulaWithoutValue> Find(Stream stream, string? sheetName)
    {
        var found = new Dictionary<(long Row, string Column), ExcelFormulaWithoutValue>();
        if (!stream.CanSeek)
        {
            return found;
        }

        var start = stream.Position;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (SheetEntry(zip, sheetName) is { } sheet)
            {
                using var reader = XmlReader.Create(sheet.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
                ReadSheet(reader, found);
            }
        }
        catch (Exception error) when (error is InvalidDataException or XmlException)
        {
            found.Clear();
        }
        finally
        {
            stream.Position = start;
        }

        return found;
    }

    /// <summary>Returns the worksheet part of the named sheet, or of the first sheet the workbook lists.</summary>
    private static ZipArchiveEntry? SheetEntry(ZipArchive zip, string? sheetName)
    {
        var workbook = zip.GetEntry("xl/workbook.xml");
        var relationships = zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (workbook is null || relationships is null)
        {
            return null;
        }

        string? relationshipId = null;
        using (var reader = XmlReader.Create(workbook.Open()))
        {
            while (reader.ReadToFollowing("sheet", MainNamespace))
            {
                if (sheetName is null || reader.GetAttribute("name") == sheetName)
                {
                    relationshipId = reader.GetAttribute("id", RelationshipNamespace);
                    break;
                }
            }
        }

        using (var reader = XmlReader.Create(relationships.Open()))
        {
            while (relationshipId is not null && reader.ReadToFollowing("Relationship",
                "http://schemas.openxmlformats.org/package/2006/relationships"))
            {
                if (reader.GetAttribute("Id") == relationshipId && reader.GetAttribute("Target") is { } target)
                {
                    // A target is relative to xl/ unless it starts with a slash.
                    var path = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
                    return zip.GetEntry(path);
                }
            }
        }

        return null;
    }

    private static void ReadSheet(XmlReader reader, Dictionary<(long Row, string Column), ExcelFormulaWithoutValue> found)
    {
        while (reader.ReadToFollowing("c", MainNamespace))
        {
            var reference = reader.GetAttribute("r");
            string? formula = null;
            var hasValue = false;
            if (!reader.IsEmptyElement)
            {
                using var cell = reader.ReadSubtree();
                cell.Read();
                cell.Read();
                while (!cell.EOF)
                {
                    var element = cell.NodeType == XmlNodeType.Element && cell.NamespaceURI == MainNamespace;
                    if (element && cell.LocalName == "f")
                    {
                        formula = cell.ReadElementContentAsString();
                    }
                    else if (element && cell.LocalName == "v")
                    {
                        hasValue |= cell.ReadElementContentAsString().Length > 0;
                    }
                    else
                    {
                        // An inline string (<is>) is a saved value even when it is empty.
                        hasValue |= element && cell.LocalName == "is";
                        cell.Read();
                    }
                }
            }

            if (formula is not null && !hasValue && Split(reference) is { } key)
            {
                found[key] = new ExcelFormulaWithoutValue(formula);
            }
        }
    }

    /// <summary>Splits a reference such as <c>C12</c> into its row and column letters; null when it is not one.</summary>
    private static (long Row, string Column)? Split(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var letters = 0;
        while (letters < reference.Length && char.IsAsciiLetterUpper(reference[letters]))
        {
            letters++;
        }

        return letters > 0 && long.TryParse(reference.AsSpan(letters), out var row)
            ? (row, reference[..letters])
            : null;
    }
}
