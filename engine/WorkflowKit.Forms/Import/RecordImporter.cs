using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Forms;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Import;

/// <summary>
/// Imports CSV and Excel rows into a form's records through <see cref="FormSubmissionService"/>,
/// so each row meets the same validators and data permissions as a form submission. Rows are
/// streamed: read, converted, validated and written one at a time, never all held in memory.
/// A serial number column is kept: a number that fits the field's pattern and that no record has
/// is stored as given, an empty cell gets the next number, and any other value is a row error.
/// </summary>
public sealed partial class RecordImporter
{
    /// <summary>The code of the row note for a rule that was not checked because it reads a cell that failed.</summary>
    public const string RuleSkippedCode = "ruleSkipped";

    private readonly FormSubmissionService _submissions;
    private readonly IDatabase _database;
    private readonly RecordAccess? _access;
    private readonly ILogger<RecordImporter> _logger;

    /// <param name="submissions">The submission service that validates and writes each row.</param>
    /// <param name="database">The database the record store writes to, for the import's transactions.</param>
    /// <param name="access">Data permissions; when null, imports are not permission-checked (trusted hosts
    /// only).</param>
    /// <param name="logger">Receives import start and end events, never row data.</param>
    public RecordImporter(
        FormSubmissionService submissions, IDatabase database, RecordAccess? access, ILogger<RecordImporter> logger)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(logger);
        _submissions = submissions;
        _database = database;
        _access = access;
        _logger = logger;
    }

    /// <summary>
    /// Converts and validates the first <paramref name="rows"/> rows without writing anything. Each row reports every
    /// cell that cannot be read and the checks of the fields that were read; a required field that no column feeds is
    /// reported once, in <see cref="ImportPreview.FileErrors"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The mapping does not fit the file's header, or the file has no data rows below its header.
    /// </exception>
    public async Task<ImportPreview> PreviewAsync(
        FormDefinition form, IImportSource source, string userId, ImportOptions options, int rows,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        var (run, mapping, unmapped) = Start(form, source, options);
        var context = new FormSubmissionContext(userId, options.Culture)
        {
            CheckPermissions = false, KeepGivenSerials = true,
        };
        var filledBlankColumns = new SortedSet<int>();

        var preview = new List<ImportPreviewRow>();
        await foreach (var row in source.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
        {
            filledBlankColumns.UnionWith(FilledColumns(row, run.BlankColumns));
            var check = await CheckRowAsync(run, row, context, write: false, scopes: default, userId, options,
                cancellationToken).ConfigureAwait(false);
            preview.Add(new ImportPreviewRow(row.Row, check.Data, check.Errors));
            if (preview.Count == rows)
            {
                break;
            }
        }

        if (preview.Count == 0)
        {
            throw new InvalidDataException(ImportMessages.NoDataRows(source.Name, options.Culture));
        }

        return new ImportPreview(source.Headers, mapping, unmapped, preview)
        {
            UnmappedWarning = UnmappedWarning(source, form, unmapped, options.Culture),
            BlankHeaderWarning = BlankHeaderWarning(source, filledBlankColumns, options.Culture),
            TrimmedWarning = run.TrimmedCells.Warning(source.Name, options.Culture),
            FileErrors = ImportRequiredColumns.Find(
                form, source.Name, source.Headers, mapping, options.Culture, [.. filledBlankColumns]),
        };
    }

    /// <summary>
    /// Imports every row of <paramref name="source"/> as user <paramref name="userId"/>. A required field that no
    /// column feeds is a file error (<see cref="ImportResult.FileErrors"/>): then no row is written, and the rows are
    /// still checked so that the result lists their other errors.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The user may not create records of the form.</exception>
    /// <exception cref="InvalidDataException">
    /// The mapping does not fit the file's header, or the file has no data rows below its header, so that an import
    /// of the wrong file or sheet is not reported as a success.
    /// </exception>
    public async Task<ImportResult> ImportAsync(
        FormDefinition form, IImportSource source, string userId, ImportOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        var scopes = (
            Create: await RequireAsync(form.Key, userId, PermissionActions.Create, cancellationToken)
                .ConfigureAwait(false),
            Update: options.Mode == ImportMode.Upsert
                ? await RequireAsync(form.Key, userId, PermissionActions.Update, cancellationToken)
                    .ConfigureAwait(false)
                : null);
        var (run, mapping, unmapped) = Start(form, source, options);
        var filledBlankColumns = new SortedSet<int>();
        LogImportStarted(_logger, form.Key, userId, options.SkipBadRows);

        var errors = new List<ImportRowError>();
        long read = 0, accepted = 0, rejected = 0, committed = 0, inBatch = 0;
        var counts = new RowCounts();
        var batchCounts = new RowCounts();
        var transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var row in source.ReadRowsAsync(cancellationToken).ConfigureAwait(false))
            {
                read++;
                filledBlankColumns.UnionWith(FilledColumns(row, run.BlankColumns));
                var context = new FormSubmissionContext(userId, options.Culture)
                {
                    Transaction = transaction, KeepGivenSerials = true,
                };
                var check = await CheckRowAsync(run, row, context, write: true, scopes, userId, options,
                    cancellationToken).ConfigureAwait(false);
                if (check.Written != RowWrite.None)
                {
                    accepted++;
                    inBatch++;
                    batchCounts.Add(check.Written);
                }

                if (check.Errors.Count > 0)
                {
                    rejected++;
                    errors.AddRange(check.Errors.Take(Math.Max(0, options.MaxErrors - errors.Count)));
                }

                if (read % options.BatchSize == 0)
                {
                    if (options.SkipBadRows && inBatch > 0)
                    {
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        await transaction.DisposeAsync().ConfigureAwait(false);
                        committed += inBatch;
                        inBatch = 0;
                        counts.AddAll(batchCounts);
                        batchCounts = new RowCounts();
                        transaction = await _database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    }

                    options.Progress?.Report(new ImportProgress(read, accepted, rejected, Completed: false));
                }
            }

            if (read == 0)
            {
                throw new InvalidDataException(ImportMessages.NoDataRows(source.Name, options.Culture));
            }

            var fileErrors = ImportRequiredColumns.Find(
                form, source.Name, source.Headers, mapping, options.Culture, [.. filledBlankColumns]);
            var commit = fileErrors.Count == 0 && (options.SkipBadRows || rejected == 0);
            if (commit)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                committed += inBatch;
                counts.AddAll(batchCounts);
            }
            else
            {
                counts.Unchanged += batchCounts.Unchanged;
            }

            options.Progress?.Report(new ImportProgress(read, accepted, rejected, Completed: true));
            LogImportFinished(_logger, form.Key, userId, read, counts.Inserted, counts.Updated, counts.Unchanged,
                rejected);
            return new ImportResult(read, counts.Inserted + counts.Updated, rejected, commit, errors)
            {
                RowsInserted = counts.Inserted,
                RowsUpdated = counts.Updated,
                RowsUnchanged = counts.Unchanged,
                UnmappedColumns = unmapped,
                UnmappedWarning = UnmappedWarning(source, form, unmapped, options.Culture),
                BlankHeaderColumns = [.. filledBlankColumns.Select(index => index + 1)],
                BlankHeaderWarning = BlankHeaderWarning(source, filledBlankColumns, options.Culture),
                TrimmedWarning = run.TrimmedCells.Warning(source.Name, options.Culture),
                FileErrors = fileErrors,
            };
        }
        finally
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Converts and checks one row. With <paramref name="write"/>, a row whose every cell was read and whose required
    /// fields all have columns is created through the submission service, so the write and its validation are one
    /// step. Any other row is only validated: the fields that could not be read, or that no column feeds, are left
    /// out of the checks together with the rules that read them, and each skipped rule gets a note.
    /// </summary>
    private async Task<(JsonObject Data, List<ImportRowError> Errors, RowWrite Written)> CheckRowAsync(
        ImportRun run, ImportSourceRow row, FormSubmissionContext context, bool write, RowScopes scopes,
        string userId, ImportOptions options, CancellationToken cancellationToken)
    {
        var (data, errors, failed) = Convert(run.File, row, run.Columns, run.Converter, run.Culture);
        NoteTrimmedCells(run, row, data);
        if (row.CellCount > row.Cells.Count)
        {
            return (data, errors, RowWrite.None);
        }

        errors.AddRange(await run.Names.ResolveAsync(
            run.File, row, run.Columns, data, failed, run.Culture, cancellationToken).ConfigureAwait(false));
        var unread = new HashSet<string>(failed, StringComparer.Ordinal);
        unread.UnionWith(run.MissingFields);
        var repeated = run.Keys.Add(row.Row, data, failed);
        errors.AddRange(repeated.Select(duplicate => RepeatedInFile(run, row, duplicate)));

        if (run.KeyMatch is { } keys && repeated.Count == 0)
        {
            var (match, conflict) = await keys.FindAsync(
                run.File, row.Row, data, failed, context.Transaction, run.Culture, cancellationToken)
                .ConfigureAwait(false);
            if (conflict is not null)
            {
                errors.Add(new ImportRowError(row.Row, null, null, null, "key", conflict) { File = run.File });
                return (data, errors, RowWrite.None);
            }

            if (match is not null)
            {
                return await UpdateRowAsync(
                    run, row, data, errors, unread, match, context, write, scopes.Update, cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        if (write && unread.Count == 0 && repeated.Count == 0)
        {
            var result = await _submissions.CreateAsync(run.Form, data, context, scopes.Create, cancellationToken)
                .ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return (data, [.. result.Errors.Select(error => ToRowError(run, row, error))], RowWrite.None);
            }

            if (options.RowStarter is { } starter)
            {
                await starter.StartAsync(new ImportedRow(run.Form.Key, result.Record!, row.Row, userId),
                    context.Transaction!, cancellationToken)
                    .ConfigureAwait(false);
            }

            return (data, errors, RowWrite.Inserted);
        }

        // NOTE: a formula that reads an unread field is still computed without it, and its field checked as usual.
        var validation = await _submissions.ValidateNewAsync(
            run.Form, data, context with { UnreadFields = unread }, cancellationToken).ConfigureAwait(false);
        errors.AddRange(validation.Errors
            .Where(error => !IsAboutUnreadField(error, unread) && !IsRepeatedInFile(error, repeated))
            .Select(error => ToRowError(run, row, error)));
        errors.AddRange(SkippedRules(run, row, data, failed));
        return (data, errors, RowWrite.None);
    }

    /// <summary>
    /// Applies an upsert row to the record its key matched: the file's columns replace the record's values, an empty
    /// cell clears one, and formula fields are recomputed instead of read. The update runs through the submission
    /// service with the record's version, so it meets the same validators as an edit. A row with errors is only
    /// validated, against the record's values merged with the row's.
    /// </summary>
    private async Task<(JsonObject Data, List<ImportRowError> Errors, RowWrite Written)> UpdateRowAsync(
        ImportRun run, ImportSourceRow row, JsonObject data, List<ImportRowError> errors, HashSet<string> unread,
        RecordEntry match, FormSubmissionContext context, bool write, RecordAccessScope? scope,
        CancellationToken cancellationToken)
    {
        var changes = new JsonObject();
        foreach (var (_, _, field) in run.Columns)
        {
            if (field.Formula is null && !unread.Contains(field.Id))
            {
                changes[field.Id] = data[field.Id]?.DeepClone();
            }
        }

        var updateContext = context with { NodePermissions = run.UpdatePermissions };
        if (write && unread.Count == 0)
        {
            if (scope is not null &&
                !await _submissions.AdmitsAsync(scope, match.Id, context.Transaction!, cancellationToken)
                    .ConfigureAwait(false))
            {
                var location = ImportMessages.Location(run.File, row.Row, null, null, run.Culture);
                var message = ImportMessages.UpdateDenied(location, match.Id, run.Culture);
                return (data, [new ImportRowError(row.Row, null, null, null, "permission", message) { File = run.File }],
                    RowWrite.None);
            }

            var result = await _submissions.UpdateAsync(
                run.Form, match.Id, changes, match.Version, updateContext, scope, cancellationToken)
                .ConfigureAwait(false);
            if (!result.Succeeded)
            {
                return (data, [.. result.Errors.Select(error => ToRowError(run, row, error))], RowWrite.None);
            }

            return (data, errors, result.Record!.Version == match.Version ? RowWrite.Unchanged : RowWrite.Updated);
        }

        var merged = (JsonObject)match.Data.DeepClone();
        foreach (var (fieldId, value) in changes)
        {
            merged[fieldId] = value?.DeepClone();
        }

        var validation = await _submissions.ValidateNewAsync(
            run.Form, merged, context with { UnreadFields = unread }, match.Id, cancellationToken)
            .ConfigureAwait(false);
        errors.AddRange(validation.Errors
            .Where(error => !IsAboutUnreadField(error, unread))
            .Select(error => ToRowError(run, row, error)));
        return (data, errors, RowWrite.None);
    }

    /// <summary>Records the cells of code and key columns whose value lost spaces at its start or end.</summary>
    private static void NoteTrimmedCells(ImportRun run, ImportSourceRow row, JsonObject data)
    {
        foreach (var (index, header, field) in run.Columns)
        {
            if (ImportValueConverter.TrimsOuterSpaces(field) && index < row.Cells.Count &&
                row.Cells[index] is string { Length: > 0 } cell &&
                (char.IsWhiteSpace(cell[0]) || char.IsWhiteSpace(cell[^1])) && data[field.Id] is JsonValue value && value.TryGetValue<string>(out var stored) && stored.Length > 0)
            {
                run.TrimmedCells.Add(header, row.Row);
            }
        }
    }

    /// <summary>
    /// Whether a validation error concerns a field left out of the checks, such as "required" for a cell that is not a
    /// date. Rule errors stay, because the rules that read such a field were not run.
    /// </summary>
    private static bool IsAboutUnreadField(FieldError error, HashSet<string> unread) =>
        error.Code is not "rule" and not "ruleError" && unread.Contains(error.Path.Split('[', '.')[0]);

    /// <summary>
    /// Whether a validation error is the store's uniqueness error for a value that an earlier row of the file has,
    /// which <see cref="RepeatedInFile"/> already reports with that row.
    /// </summary>
    private static bool IsRepeatedInFile(
        FieldError error, List<(FieldDefinition Field, JsonNode Value, long FirstRow)> repeated) =>
        error.Code == "unique" && repeated.Any(duplicate => duplicate.Field.Id == error.Path);

    private static ImportRowError RepeatedInFile(
        ImportRun run, ImportSourceRow row, (FieldDefinition Field, JsonNode Value, long FirstRow) duplicate)
    {
        var column = run.Columns.First(candidate => candidate.Field.Id == duplicate.Field.Id);
        var cell = column.Index < row.Cells.Count ? CellText(row.Cells[column.Index]) : null;
        var location = ImportMessages.Location(run.File, row.Row, column.Header, duplicate.Field.Id, run.Culture,
            column.Index);
        var label = duplicate.Field.Label.Get(run.Culture.Name);
        var value = FieldValues.Display(duplicate.Value, run.Culture);
        var message = ImportMessages.RepeatedInFile(location, label, value, duplicate.FirstRow, run.Culture);
        return new ImportRowError(row.Row, column.Header, cell, duplicate.Field.Id, "unique", message)
        {
            File = run.File,
        };
    }

    /// <summary>Returns a note per form rule and sub-table row rule that was skipped because it reads a failed field.</summary>
    private static IEnumerable<ImportRowError> SkippedRules(
        ImportRun run, ImportSourceRow row, JsonObject data, IReadOnlySet<string> failed)
    {
        if (failed.Count == 0)
        {
            yield break;
        }

        var rowRules = run.Form.Fields
            .Where(field => field.Type == FieldTypes.SubTable && data[field.Id] is JsonArray { Count: > 0 })
            .SelectMany(field => field.RowRules ?? []);
        var language = ImportMessages.IsChinese(run.Culture) ? run.Culture.Name : "en";
        foreach (var rule in (run.Form.Rules ?? []).Concat(rowRules))
        {
            var read = failed.Where(id => FormRuleFields.ReadsAny(rule, new HashSet<string> { id }))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (read.Count == 0)
            {
                continue;
            }

            var field = rule.Fields?.FirstOrDefault();
            var location = ImportMessages.Location(run.File, row.Row, null, field, run.Culture);
            var message = ImportMessages.RuleSkipped(location, rule.Id, rule.Message.Get(language), read, run.Culture);
            yield return new ImportRowError(row.Row, null, null, field, RuleSkippedCode, message) { File = run.File };
        }
    }

    private async Task<RecordAccessScope?> RequireAsync(
        string formKey, string userId, string action, CancellationToken cancellationToken)
    {
        if (_access is null)
        {
            return null;
        }

        var scope = await _access.ResolveAsync(userId, formKey, action, cancellationToken).ConfigureAwait(false);
        return scope.IsGranted
            ? scope
            : throw new UnauthorizedAccessException(
                $"User '{userId}' may not {action} records of form '{formKey}', so they cannot import into it " +
                $"in this mode; ask an administrator for a permission rule with the \"{action}\" action.");
    }

    /// <summary>
    /// Resolves the columns and sets up what every row of the file shares. A required field that no column feeds is
    /// left out of each row's checks, because the file error reports it once.
    /// </summary>
    private (ImportRun Run, ImportMapping Mapping, IReadOnlyList<string> Unmapped) Start(
        FormDefinition form, IImportSource source, ImportOptions options)
    {
        var (columns, mapping, unmapped) = ResolveColumns(form, source, options.Mapping, options.Culture);
        var converter = new ImportValueConverter(options.Culture, options.TimeZone)
        {
            UnescapeText = source.HasEscapedText,
        };
        var missing = ImportRequiredColumns.Find(form, source.Name, source.Headers, mapping, options.Culture)
            .Select(error => error.Field!)
            .ToHashSet(StringComparer.Ordinal);
        var run = new ImportRun(
            form, source.Name, columns, BlankColumns(source.Headers, columns), converter,
            new ImportNameResolver(_submissions.Directory), missing, options.Culture)
        {
            KeyMatch = options.Mode == ImportMode.Upsert
                ? ImportKeyMatch.Create(form, source.Name, _submissions.Store, columns, options.Culture)
                : null,
        };
        return (run, mapping, unmapped);
    }

    /// <summary>
    /// Resolves the mapping against the file's header; a mismatch names the file in its message, in the language of
    /// <paramref name="culture"/>.
    /// </summary>
    private static (IReadOnlyList<(int Index, string Header, FieldDefinition Field)> Columns, ImportMapping Mapping,
        IReadOnlyList<string> Unmapped) ResolveColumns(
            FormDefinition form, IImportSource source, ImportMapping? mapping, CultureInfo culture)
    {
        try
        {
            return ImportColumns.Resolve(form, source.Headers, mapping, culture);
        }
        catch (InvalidDataException error)
        {
            throw new InvalidDataException(ImportMappingMessages.InFile(source.Name, error.Message, culture), error);
        }
    }

    /// <summary>Returns the 0-based indexes of the header cells that are blank and that no mapping entry names.</summary>
    private static List<int> BlankColumns(
        IReadOnlyList<string> headers, IReadOnlyList<(int Index, string Header, FieldDefinition Field)> columns) =>
        [
            .. Enumerable.Range(0, headers.Count)
                .Where(index => string.IsNullOrWhiteSpace(headers[index]) &&
                    columns.All(column => column.Index != index)),
        ];

    /// <summary>
    /// Returns those of <paramref name="blankColumns"/> whose cell in <paramref name="row"/> has a value, and the
    /// spreadsheet columns past the header that have one.
    /// </summary>
    private static IEnumerable<int> FilledColumns(ImportSourceRow row, IReadOnlyList<int> blankColumns) =>
        blankColumns.Where(index => index < row.Cells.Count && !string.IsNullOrWhiteSpace(CellText(row.Cells[index])))
            .Concat(row.ValuesPastHeader);

    private static string? BlankHeaderWarning(IImportSource source, IReadOnlyCollection<int> filled, CultureInfo culture) =>
        filled.Count == 0 ? null : ImportMessages.BlankHeaderColumns(source.Name, [.. filled], culture);

    private static string? UnmappedWarning(
        IImportSource source, FormDefinition form, IReadOnlyList<string> unmapped, CultureInfo culture) =>
        unmapped.Count == 0 ? null : ImportMessages.UnmappedColumns(source.Name, form.Key, unmapped, culture);

    /// <summary>
    /// Converts every mapped cell of a row, returning the values, an error per cell that cannot be read and the fields
    /// of those cells.
    /// </summary>
    private static (JsonObject Data, List<ImportRowError> Errors, HashSet<string> Failed) Convert(
        string file, ImportSourceRow row, IReadOnlyList<(int Index, string Header, FieldDefinition Field)> columns,
        ImportValueConverter converter, CultureInfo culture)
    {
        var data = new JsonObject();
        var errors = new List<ImportRowError>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        if (row.CellCount > row.Cells.Count)
        {
            // The cells no longer line up with the header, so converting them would only add misleading errors.
            var message = ImportMessages.TooManyCells(
                ImportMessages.Location(file, row.Row, null, null, culture), row.CellCount, row.Cells.Count, culture);
            errors.Add(new ImportRowError(row.Row, null, null, null, "columns", message) { File = file });
            return (data, errors, failed);
        }

        foreach (var (index, header, field) in columns)
        {
            var cell = index < row.Cells.Count ? row.Cells[index] : null;
            if (converter.TryConvert(field, cell, out var value, out var reason))
            {
                if (value is not null)
                {
                    data[field.Id] = value;
                }

                continue;
            }

            var displayed = CellText(cell);
            var location = ImportMessages.Location(file, row.Row, header, field.Id, culture, index);
            var message = ImportMessages.Conversion(location, displayed, reason!, culture);
            var code = field.Type is FieldTypes.SingleSelect or FieldTypes.MultiSelect ? "option" : "conversion";
            errors.Add(new ImportRowError(row.Row, header, displayed, field.Id, code, message) { File = file });
            failed.Add(field.Id);
        }

        return (data, errors, failed);
    }

    private static ImportRowError ToRowError(ImportRun run, ImportSourceRow row, FieldError error)
    {
        var fieldId = error.Path.Split('[', '.')[0];
        var column = run.Columns.FirstOrDefault(candidate => candidate.Field.Id == fieldId);
        var header = column.Field is null ? null : column.Header;
        var cell = column.Field is not null && column.Index < row.Cells.Count ? CellText(row.Cells[column.Index])
            : null;
        var path = error.Path.Length == 0 ? null : error.Path;
        var location = ImportMessages.Location(run.File, row.Row, header, path, run.Culture, column.Index);
        var message = ImportMessages.Validation(location, error.Message, error.Code, run.Culture);
        return new ImportRowError(row.Row, header, cell, path, error.Code, message)
        {
            File = run.File,
        };
    }

    private static string CellText(object? cell) => cell switch
    {
        null => string.Empty,
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        DateTime moment => moment.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => System.Convert.ToString(cell, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Import into form {FormKey} by {UserId} started (skip bad rows: {SkipBadRows})")]
    private static partial void LogImportStarted(ILogger logger, string formKey, string userId, bool skipBadRows);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Import into form {FormKey} by {UserId} finished: {RowsRead} rows read, {RowsInserted} inserted, " +
            "{RowsUpdated} updated, {RowsUnchanged} unchanged, {RowsRejected} rejected")]
    private static partial void LogImportFinished(
        ILogger logger, string formKey, string userId, long rowsRead, long rowsInserted, long rowsUpdated,
        long rowsUnchanged, long rowsRejected);

    /// <summary>What one row wrote.</summary>
    private enum RowWrite
    {
        None,
        Inserted,
        Updated,
        Unchanged,
    }

    /// <summary>The data permission scopes of one import's creates and updates; null where none applies.</summary>
    private readonly record struct RowScopes(RecordAccessScope? Create, RecordAccessScope? Update)
    {
        public static implicit operator RowScopes((RecordAccessScope? Create, RecordAccessScope? Update) scopes) =>
            new(scopes.Create, scopes.Update);
    }

    /// <summary>Rows by what they wrote, for the result's counts.</summary>
    private sealed class RowCounts
    {
        public long Inserted { get; set; }

        public long Updated { get; set; }

        public long Unchanged { get; set; }

        public void Add(RowWrite written)
        {
            switch (written)
            {
                case RowWrite.Inserted:
                    Inserted++;
                    break;
                case RowWrite.Updated:
                    Updated++;
                    break;
                case RowWrite.Unchanged:
                    Unchanged++;
                    break;
            }
        }

        public void AddAll(RowCounts other)
        {
            Inserted += other.Inserted;
            Updated += other.Updated;
            Unchanged += other.Unchanged;
        }
    }
}
