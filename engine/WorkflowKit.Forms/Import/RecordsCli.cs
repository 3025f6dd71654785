using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Expressions;
using WorkflowKit.Forms;
using WorkflowKit.Permissions;

namespace WorkflowKit.Import;

/// <summary>
/// The logic of <c>workflowkit records import FORM FILE [--mapping FILE] [--skip-bad-rows] [--mode insert|upsert]
/// [--as USER]</c>
/// and <c>workflowkit records export FORM --as USER --out FILE</c>, kept out of the command
/// parser so that it can be tested in-process. The file type follows the extension (.csv or
/// .xlsx). An import without <c>--as</c> runs as the operator of the database file: rows are
/// validated but no data permission applies, and records are created by "system".
/// </summary>
public sealed class RecordsCli
{
    /// <summary>Exit code of a successful command.</summary>
    public const int Success = 0;

    /// <summary>
    /// Exit code when rows were rejected, the file has no data rows or no column for a required field, the form is not
    /// in the database, or the command failed.
    /// </summary>
    public const int Failed = 1;

    /// <summary>
    /// Exit code of a usage mistake: unknown user, missing file, unsupported extension, invalid mapping file.
    /// </summary>
    public const int Usage = 2;

    private const int ShownErrors = 20;

    /// <summary>The command that loads users, as the hint for members that do not exist names it.</summary>
    private const string OrganizationImportUsage = "workflowkit org import FILE --db DB";

    /// <summary>The validation code of a member, department or related record that does not exist.</summary>
    private const string UnknownReferenceCode = "exists";

    private readonly RecordsCliServices _services;
    private readonly TextWriter _output;
    private readonly TextWriter _error;

    public RecordsCli(RecordsCliServices services, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        _services = services;
        _output = output;
        _error = error;
    }

    public Task<int> ImportAsync(
        string formKey, string file, string? mappingFile, bool skipBadRows, string? asUser,
        CancellationToken cancellationToken) =>
        ImportAsync(formKey, file, mappingFile, skipBadRows, asUser, ImportMode.Insert, cancellationToken);

    /// <summary>
    /// Imports a file in <paramref name="mode"/>: insert creates a record per row, upsert updates the record that has a
    /// row's unique or serial number value and creates one for every other row.
    /// </summary>
    public async Task<int> ImportAsync(
        string formKey, string file, string? mappingFile, bool skipBadRows, string? asUser, ImportMode mode,
        CancellationToken cancellationToken)
    {
        var form = await _services.Forms.FindFormAsync(formKey, cancellationToken).ConfigureAwait(false);
        if (form is null)
        {
            await _error.WriteLineAsync($"error: {FormNotFound(formKey)}").ConfigureAwait(false);
            return Failed;
        }

        if (asUser is not null && await UnknownUserAsync(asUser, cancellationToken).ConfigureAwait(false) is { } unknown)
        {
            return await UsageAsync(unknown).ConfigureAwait(false);
        }

        if (Directory.Exists(file))
        {
            return await UsageAsync($"\"{file}\" is a folder. Pass the .csv or .xlsx file to import.")
                .ConfigureAwait(false);
        }

        if (!File.Exists(file))
        {
            return await UsageAsync($"File \"{file}\" does not exist.").ConfigureAwait(false);
        }

        ImportMapping? mapping = null;
        if (mappingFile is not null)
        {
            if (!File.Exists(mappingFile))
            {
                return await UsageAsync($"Mapping file \"{mappingFile}\" does not exist.").ConfigureAwait(false);
            }

            try
            {
                var json = await File.ReadAllTextAsync(mappingFile, cancellationToken).ConfigureAwait(false);
                mapping = ImportMapping.FromJson(json, $"Mapping file \"{mappingFile}\"");
            }
            catch (System.Text.Json.JsonException error)
            {
                return await UsageAsync(error.Message).ConfigureAwait(false);
            }
        }

        var access = asUser is null ? null : Access();
        var submissions = new FormSubmissionService(
            new FormValidatorFactory(new FormValidationServices
            {
                Directory = _services.Directory,
                Records = _services.Store,
                Reader = access is null ? null : Reader(access),
                Conditions = _services.Conditions ?? new ConditionEvaluator(new ScriptHost()),
                Files = _services.Files,
                FilesOfAnyUploader = true,
            }),
            _services.Store, _services.Database, access,
            new ExpressionFormulaEvaluator(new FormulaEngine(), new ScriptHost()));
        var importer = new RecordImporter(submissions, _services.Database, access, NullLogger<RecordImporter>.Instance);
        var options = new ImportOptions
        {
            Mapping = mapping, SkipBadRows = skipBadRows, Culture = CultureInfo.InvariantCulture,
            RowStarter = _services.RowStarter, Mode = mode,
        };

        try
        {
            await using var source = await OpenAsync(file, cancellationToken).ConfigureAwait(false);
            if (source is null)
            {
                return await UsageAsync($"File \"{file}\" must end in .csv or .xlsx.").ConfigureAwait(false);
            }

            var result = await importer.ImportAsync(form, source, asUser ?? "system", options, cancellationToken)
                .ConfigureAwait(false);
            if (result.UnmappedWarning is { } warning)
            {
                await _error.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
            }

            if (result.BlankHeaderWarning is { } blankWarning)
            {
                await _error.WriteLineAsync($"warning: {blankWarning}").ConfigureAwait(false);
            }

            if (result.TrimmedWarning is { } trimmedWarning)
            {
                await _error.WriteLineAsync($"warning: {trimmedWarning}").ConfigureAwait(false);
            }

            foreach (var fileError in result.FileErrors)
            {
                await _error.WriteLineAsync($"error: {fileError.Message}").ConfigureAwait(false);
            }

            foreach (var error in result.Errors.Take(ShownErrors))
            {
                await _error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            if (result.RowsRejected > ShownErrors)
            {
                await _error.WriteLineAsync($"... and {result.RowsRejected - ShownErrors} more rejected rows.")
                    .ConfigureAwait(false);
            }

            var unknownMembers = result.Errors.Where(error => IsUnknownMember(form, error)).ToList();
            if (unknownMembers.Count > 0)
            {
                await _error.WriteLineAsync(
                    $"hint: {unknownMembers.Count} error(s) name users that this database does not have, such as " +
                    $"\"{unknownMembers[0].Value}\" in {unknownMembers[0].File} row {unknownMembers[0].Row}. Add the " +
                    $"users with \"{OrganizationImportUsage}\", where FILE lists departments, users and their roles " +
                    "like samples/data/users.json, then import this file again.").ConfigureAwait(false);
            }

            await _output.WriteLineAsync(Summary(form.Key, result, mode)).ConfigureAwait(false);
            return result.RowsRejected == 0 && result.FileErrors.Count == 0 ? Success : Failed;
        }
        catch (Exception error) when (
            error is InvalidDataException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            await _error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            return Failed;
        }
    }

    public async Task<int> ExportAsync(string formKey, string asUser, string outFile,
        CancellationToken cancellationToken)
    {
        var form = await _services.Forms.FindFormAsync(formKey, cancellationToken).ConfigureAwait(false);
        if (form is null)
        {
            await _error.WriteLineAsync($"error: {FormNotFound(formKey)}").ConfigureAwait(false);
            return Failed;
        }

        if (await UnknownUserAsync(asUser, cancellationToken).ConfigureAwait(false) is { } unknown)
        {
            return await UsageAsync(unknown).ConfigureAwait(false);
        }

        var extension = Path.GetExtension(outFile).ToLowerInvariant();
        if (extension is not ".csv" and not ".xlsx")
        {
            return await UsageAsync($"--out \"{outFile}\" must end in .csv or .xlsx.").ConfigureAwait(false);
        }

        var exporter = new RecordExporter(Reader(Access()), _services.Directory);
        var temporary = outFile + ".partial";
        try
        {
            long count;
            await using (var stream = File.Create(temporary))
            {
                count = extension == ".csv"
                    ? await exporter.ExportCsvAsync(asUser, formKey, stream, CultureInfo.GetCultureInfo("zh-CN"), null,
                        cancellationToken)
                        .ConfigureAwait(false)
                    : await exporter.ExportExcelAsync(asUser, formKey, stream, CultureInfo.GetCultureInfo("zh-CN"),
                        null, cancellationToken)
                        .ConfigureAwait(false);
            }

            File.Move(temporary, outFile, overwrite: true);
            await _output.WriteLineAsync(
                $"Exported {count} records of '{formKey}' visible to '{asUser}' to \"{outFile}\".")
                .ConfigureAwait(false);
            return Success;
        }
        catch (UnauthorizedAccessException error)
        {
            File.Delete(temporary);
            await _error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            return Failed;
        }
    }

    private static string Summary(string formKey, ImportResult result, ImportMode mode)
    {
        if (result.FileErrors.Count > 0)
        {
            var rows = result.RowsRejected == 0
                ? string.Empty
                : $", and {result.RowsRejected} of {result.RowsRead} rows have errors of their own";
            return $"Imported nothing into '{formKey}': the file has {result.FileErrors.Count} error(s) that apply to " +
                $"every row{rows}. Fix the file and import it again.";
        }

        if (result.Committed && mode == ImportMode.Upsert)
        {
            return $"Imported {result.RowsRead - result.RowsRejected} of {result.RowsRead} rows into '{formKey}': " +
                $"{result.RowsInserted} inserted, {result.RowsUpdated} updated, {result.RowsUnchanged} unchanged, " +
                $"{result.RowsRejected} rejected.";
        }

        return result.Committed
            ? $"Imported {result.RowsWritten} of {result.RowsRead} rows into '{formKey}' ({result.RowsRejected} rejected)."
            : $"Imported nothing into '{formKey}': {result.RowsRejected} of {result.RowsRead} rows were rejected. Fix " +
              "them, or pass --skip-bad-rows to import the others.";
    }

    /// <summary>
    /// Formats the error for a form missing from the database. It names <c>workflowkit import PACKAGE</c>, because
    /// <c>publish KEY</c> only publishes a draft that the database already has.
    /// </summary>
    private static string FormNotFound(string formKey) =>
        $"Form '{formKey}' is not in this database. Publish the template package that declares it with " +
        "\"workflowkit import PACKAGE --db DB\", such as \"workflowkit import definitions/templates/biopharma --db DB\" " +
        "for the forms of the sample data, then run this command again.";

    /// <summary>Whether a row error is a member field naming a user that the organisation directory lacks.</summary>
    private static bool IsUnknownMember(FormDefinition form, ImportRowError error)
    {
        if (error.Code != UnknownReferenceCode || error.Field is null)
        {
            return false;
        }

        // Paths are "field" for a form field and "table[row].column" for a sub-table cell.
        var field = form.Fields.FirstOrDefault(candidate => candidate.Id == error.Field.Split('[', '.')[0]);
        if (field?.Type == FieldTypes.SubTable)
        {
            var columnId = error.Field[(error.Field.LastIndexOf('.') + 1)..];
            field = field.Fields?.FirstOrDefault(column => column.Id == columnId);
        }

        return field?.Type == FieldTypes.Member;
    }

    private RecordAccess Access() => new(_services.Rules, _services.Directory, _services.Participation);

    private RecordReader Reader(RecordAccess access) =>
        new(_services.Store, _services.Queries, _services.Forms, access);

    private static async Task<IImportSource?> OpenAsync(string file, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(file).ToLowerInvariant();
        var name = Path.GetFileName(file);
        return extension switch
        {
            ".csv" => await CsvImportSource.OpenAsync(File.OpenRead(file), name, cancellationToken)
                .ConfigureAwait(false),
            ".xlsx" => ExcelImportSource.Open(File.OpenRead(file), name: name),
            _ => null,
        };
    }

    /// <summary>
    /// Returns the usage error for an <c>--as</c> user missing from the organisation directory, or null when the user
    /// exists. Without it such a user would get the permission error that a real user without rules gets.
    /// </summary>
    private async Task<string?> UnknownUserAsync(string userId, CancellationToken cancellationToken) =>
        await _services.Directory.FindUserAsync(userId, cancellationToken).ConfigureAwait(false) is null
            ? $"User '{userId}' passed to --as is not in this database's organisation directory. Pass the id of a " +
              $"user there, or add the user first with \"{OrganizationImportUsage}\", where FILE lists departments " +
              "and users like samples/data/users.json. Users created on the designer's admin pages are kept in the " +
              "designer's own tables and do not count here."
            : null;

    private async Task<int> UsageAsync(string message)
    {
        await _error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
        return Usage;
    }
}
