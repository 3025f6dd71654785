using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Hosting;
using WorkflowKit.Designer.Services;
using WorkflowKit.Expressions;
using WorkflowKit.Forms;
using WorkflowKit.Import;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Admin;

/// <summary>
/// The data import page's work on top of <see cref="RecordImporter"/>: the forms to import into,
/// reading an uploaded file's header, suggesting and storing column mappings, the preview and
/// the import itself. Rows go through <see cref="FormSubmissionService"/>, so they meet the
/// same validators as the form.
/// </summary>
/// <remarks>
/// Imports run without data permission checks, because only administrators reach the page and
/// an import loads data for every region and department.
/// </remarks>
public sealed class DataImportService
{
    private readonly IDefinitionService _definitions;
    private readonly IRecordStore _records;
    private readonly IImportMappingStore _mappings;
    private readonly RecordImporter _importer;
    private readonly string _templates;

    public DataImportService(
        IDefinitionService definitions, IRecordStore records, IDatabase database, IImportMappingStore mappings,
        FormValidatorFactory validators, WorkflowKit.Files.IFileStore files, ScriptHost scripts, TimeProvider time,
        IOptions<DesignerOptions> options, IWebHostEnvironment environment, ILogger<RecordImporter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _definitions = definitions;
        _records = records;
        _mappings = mappings;
        _templates = options.Value.ResolveTemplatesPath(environment.ContentRootPath);
        ArgumentNullException.ThrowIfNull(validators);

        // The shared validators also check pages in the browser, where file values are only shaped. An imported row
        // is stored, so its file values must name files that the importing user uploaded and that meet the field.
        var importValidators = new FormValidatorFactory(validators.Services with { Files = files });
        var submissions = new FormSubmissionService(
            importValidators, records, database, access: null,
            new ExpressionFormulaEvaluator(new FormulaEngine(time), scripts));
        _importer = new RecordImporter(submissions, database, access: null, logger);
    }

    /// <summary>Lists the published forms by key.</summary>
    public async Task<IReadOnlyList<ImportableForm>> ListFormsAsync(CancellationToken cancellationToken) =>
        [.. (await _definitions.ListAsync(DefinitionKind.Form, cancellationToken))
            .Where(summary => summary.PublishedVersion is not null)
            .OrderBy(summary => summary.Key, StringComparer.Ordinal)
            .Select(summary => new ImportableForm(summary.Key, summary.Name, summary.PublishedVersion!.Value))];

    /// <exception cref="KeyNotFoundException">The form has no published version.</exception>
    public async Task<FormDefinition> LoadFormAsync(ImportableForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var json = await _definitions.GetVersionJsonAsync(DefinitionKind.Form, form.Key, form.Version, cancellationToken)
            ?? throw new KeyNotFoundException(
                $"Form '{form.Key}' version {form.Version} was not found; reload the page to see the current forms.");
        return DefinitionJson.Deserialize<FormDefinition>(json);
    }

    /// <summary>
    /// Reads the header of a file and counts its data rows. Errors in the file, such as an unclosed quote, are in
    /// the language of <paramref name="culture"/> ("zh-CN" or "en"), as the row errors of the preview and import are.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is empty or not a readable CSV or Excel file.</exception>
    public static async Task<ImportFileInfo> InspectAsync(
        ImportFile file, string culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        await using var source = await OpenAsync(file, culture, cancellationToken);
        long rows = 0;
        await foreach (var _ in source.ReadRowsAsync(cancellationToken))
        {
            rows++;
        }

        var encoding = source is CsvImportSource csv ? EncodingName(csv.Encoding) : null;
        return new ImportFileInfo(source.Headers, encoding, rows);
    }

    /// <summary>
    /// Suggests a field for each header: a field whose key or label (in any language) equals the
    /// header, else one whose label contains the header or is contained in it, ignoring case and spaces.
    /// </summary>
    /// <returns>Field ids aligned with <paramref name="headers"/>; null where nothing fits.</returns>
    public static IReadOnlyList<string?> SuggestFields(FormDefinition form, IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(headers);
        var fields = ImportableFields(form).ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var suggested = new string?[headers.Count];
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < headers.Count; i++)
            {
                var header = Normalize(headers[i]);
                if (suggested[i] is not null || header.Length == 0)
                {
                    continue;
                }

                var field = fields.FirstOrDefault(candidate => !used.Contains(candidate.Id)
                    && Names(candidate).Any(name => pass == 0
                        ? name == header
                        : name.Length > 1 && (name.Contains(header, StringComparison.Ordinal)
                            || header.Contains(name, StringComparison.Ordinal))));
                if (field is not null)
                {
                    suggested[i] = field.Id;
                    used.Add(field.Id);
                }
            }
        }

        return suggested;
    }

    /// <summary>
    /// Returns the text that shows a header in the mapping table: the header itself, or "column 4 (blank header)" for
    /// a blank one, so that the row of an empty column is not an empty cell.
    /// </summary>
    public static string HeaderLabel(IReadOnlyList<string> headers, int index, Localization.UiText text)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(text);
        return string.IsNullOrWhiteSpace(headers[index])
            ? text.Format("column {0} (blank header)", index + 1)
            : headers[index];
    }

    /// <summary>
    /// Lists the fields an import can fill: all but formulas, which are computed on save. A serial number column keeps
    /// its numbers, and its empty cells get the next ones.
    /// </summary>
    public static IEnumerable<FieldDefinition> ImportableFields(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Fields.Where(field => field.Type != FieldTypes.Formula);
    }

    /// <summary>Builds a mapping from the field chosen per header, naming the occurrence of a repeated header.</summary>
    public static ImportMapping ToMapping(IReadOnlyList<string> headers, IReadOnlyList<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(fields);
        var columns = new List<ImportColumnMapping>();
        for (var i = 0; i < headers.Count && i < fields.Count; i++)
        {
            if (fields[i] is not { Length: > 0 } field)
            {
                continue;
            }

            var header = headers[i];
            var repeated = headers.Count(other => string.Equals(other, header, StringComparison.OrdinalIgnoreCase)) > 1;
            var occurrence = headers.Take(i + 1)
                .Count(other => string.Equals(other, header, StringComparison.OrdinalIgnoreCase));
            columns.Add(new ImportColumnMapping(header, field) { Occurrence = repeated ? occurrence : null });
        }

        return new ImportMapping { Columns = columns };
    }

    /// <summary>Applies a mapping to a header: the field of each column, null for columns the mapping leaves out.</summary>
    public static IReadOnlyList<string?> FromMapping(IReadOnlyList<string> headers, ImportMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(mapping);
        var fields = new string?[headers.Count];
        foreach (var entry in mapping.Columns)
        {
            var positions = Enumerable.Range(0, headers.Count)
                .Where(i => string.Equals(headers[i], entry.Column, StringComparison.OrdinalIgnoreCase))
                .ToList();
            var index = (entry.Occurrence ?? 1) - 1;
            if (index < positions.Count)
            {
                fields[positions[index]] = entry.Field;
            }
        }

        return fields;
    }

    /// <summary>
    /// Returns an error per required field without a default that the chosen columns leave empty, with the headers
    /// that would feed it, in the language of <paramref name="culture"/>. The import reports the same errors, so the
    /// mapping step shows them before the preview.
    /// </summary>
    public static IReadOnlyList<ImportFileError> MissingRequiredColumns(
        FormDefinition form, string fileName, IReadOnlyList<string> headers, IReadOnlyList<string?> fields,
        string culture) =>
        ImportRequiredColumns.Find(form, fileName, headers, ToMapping(headers, fields), ImportCulture(culture));

    /// <summary>Lists the mappings saved for a form and the template mapping files.</summary>
    public async Task<IReadOnlyList<MappingPreset>> ListPresetsAsync(string formKey, CancellationToken cancellationToken)
    {
        var saved = await _mappings.ListNamesAsync(formKey, cancellationToken);
        var templates = Directory.Exists(_templates)
            ? Directory.EnumerateFiles(_templates, "*.mapping.json", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(path => new MappingPreset(Path.GetFileName(path)[..^".mapping.json".Length], path))
            : [];
        return [.. saved.Order(StringComparer.Ordinal).Select(name => new MappingPreset(name, null)), .. templates];
    }

    /// <exception cref="System.Text.Json.JsonException">A template file is not a valid mapping.</exception>
    public async Task<ImportMapping?> LoadPresetAsync(
        string formKey, MappingPreset preset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preset);
        if (preset.TemplatePath is { } path)
        {
            return ImportMapping.FromJson(
                await File.ReadAllTextAsync(path, cancellationToken), $"Mapping file \"{path}\"");
        }

        return await _mappings.FindAsync(formKey, preset.Name, cancellationToken);
    }

    public Task SaveMappingAsync(
        string formKey, string name, ImportMapping mapping, string userId, CancellationToken cancellationToken) =>
        _mappings.SaveAsync(formKey, name.Trim(), mapping, userId, cancellationToken);

    /// <summary>Converts and validates the first rows without writing anything.</summary>
    /// <exception cref="InvalidDataException">The mapping does not fit the file's header.</exception>
    public async Task<ImportPreview> PreviewAsync(
        FormDefinition form, ImportFile file, ImportMapping mapping, string userId, string culture, int rows,
        CancellationToken cancellationToken)
    {
        await using var source = await OpenAsync(file, culture, cancellationToken);
        return await _importer.PreviewAsync(form, source, userId, Options(mapping, culture), rows, cancellationToken);
    }

    /// <summary>
    /// Imports every row. All or nothing unless <paramref name="skipBadRows"/>: then good rows
    /// commit in batches and bad rows are reported.
    /// </summary>
    /// <exception cref="InvalidDataException">The mapping does not fit the file's header.</exception>
    public async Task<ImportResult> ImportAsync(
        FormDefinition form, ImportFile file, ImportMapping mapping, string userId, string culture, bool skipBadRows,
        long totalRows, IProgress<ImportProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (_records is IRecordFormRegistry registry)
        {
            await registry.RegisterFormAsync(form, cancellationToken);
        }

        await using var source = await OpenAsync(file, culture, cancellationToken);
        var options = Options(mapping, culture) with
        {
            SkipBadRows = skipBadRows,
            BatchSize = (int)Math.Clamp(totalRows / 20, 1, 500),
            Progress = progress,
        };
        return await _importer.ImportAsync(form, source, userId, options, cancellationToken);
    }

    /// <summary>
    /// Writes the row errors as a UTF-8 CSV with a byte order mark, so that Excel shows the Chinese text: file, row,
    /// column, value and message, where the message also gives the fix. Columns and values come from the imported
    /// file, so every cell that a spreadsheet would run as a formula gets a leading apostrophe
    /// (<see cref="SpreadsheetText.Escape"/>).
    /// </summary>
    public static string ErrorReportCsv(IEnumerable<ImportRowError> errors, Localization.UiText text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(text);
        var csv = new StringBuilder("\uFEFF");
        AppendLine(csv, [text["File"], text["Row"], text["Column"], text["Value"], text["Message"]]);
        foreach (var error in errors)
        {
            AppendLine(csv, [
                error.File, error.Row.ToString(CultureInfo.InvariantCulture), error.Column ?? string.Empty,
                error.Value ?? string.Empty, error.Message,
            ]);
        }

        return csv.ToString();
    }

    private static ImportOptions Options(ImportMapping mapping, string culture) => new()
    {
        Mapping = mapping,
        Culture = ImportCulture(culture),
    };

    private static CultureInfo ImportCulture(string culture) =>
        CultureInfo.GetCultureInfo(culture == "en" ? "en" : "zh-CN");

    private static async Task<IImportSource> OpenAsync(
        ImportFile file, string culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var stream = File.OpenRead(file.Path);
        try
        {
            return file.IsExcel
                ? ExcelImportSource.Open(stream, null, file.Name, ImportCulture(culture))
                : await CsvImportSource.OpenAsync(stream, file.Name, ImportCulture(culture), cancellationToken);
        }
        catch (Exception error)
        {
            await stream.DisposeAsync();
            if (error is InvalidDataException or OperationCanceledException)
            {
                throw;
            }

            throw new InvalidDataException(UnreadableFileMessage(file, error, culture), error);
        }
    }

    private static string UnreadableFileMessage(ImportFile file, Exception error, string culture) =>
        ImportCulture(culture).Name == "en"
            ? $"File \"{file.Name}\" could not be read as {(file.IsExcel ? "an Excel workbook" : "CSV")}: " +
              $"{error.Message}. Open it in Excel and save it again as .xlsx or CSV."
            : $"无法把文件“{file.Name}”读取为{(file.IsExcel ? " Excel 工作簿" : " CSV 文件")}（{error.Message}）。" +
              "请在 Excel 中打开它，另存为 .xlsx 或 CSV 后重新上传。";

    private static string EncodingName(Encoding encoding) => encoding.CodePage switch
    {
        54936 => "GBK (GB18030)",
        65001 => "UTF-8",
        _ => encoding.WebName,
    };

    private static IEnumerable<string> Names(FieldDefinition field) =>
        [Normalize(field.Id), .. field.Label.Values.Values.Select(Normalize)];

    private static string Normalize(string text) =>
        new([.. text.Where(character => !char.IsWhiteSpace(character) && character is not '_' and not '-')
            .Select(char.ToLowerInvariant)]);

    private static void AppendLine(StringBuilder csv, IReadOnlyList<string> cells)
    {
        csv.AppendJoin(',', cells.Select(SpreadsheetText.Escape).Select(cell =>
            cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                : cell));
        csv.Append("\r\n");
    }
}
