using System.Globalization;
using System.Text.Json;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Import;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Runtime.Definitions;

namespace WorkflowKit.Samples.Scenarios;

/// <summary>
/// Loads the biopharma template package, the demo users and the sample data files into a database, in the
/// order of <c>sample-data.json</c>: master data, the ERP receivables export and the overdue workbook (through
/// their import mappings), and optionally the order history.
/// </summary>
public static class SampleLoader
{
    /// <summary>The package key of the biopharma templates.</summary>
    public const string PackageKey = "biopharma";

    /// <summary>
    /// Imports and publishes the package, registers its forms with the record store and its triggers with the
    /// engine, saves the demo departments and users, and imports the sample files.
    /// </summary>
    /// <exception cref="SampleLoadException">A file is missing or a row was rejected; the message names it.</exception>
    public static async Task<SampleLoadResult> LoadAsync(
        SampleEnvironment environment, SampleLoadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        var package = Path.Combine(options.TemplatesFolder, PackageKey);
        if (!File.Exists(Path.Combine(package, "package.json")))
        {
            throw new SampleLoadException(
                $"Template package \"{package}\" has no package.json; pass the definitions/templates folder.");
        }

        // The package's data permission rules, stored in the same transaction for forms that have none yet, let
        // reads and exports through the permission filter (records export after scenario run daily) see the records.
        await new PackageRuleSeeder(environment.Stores.Definitions, environment.Stores.Permissions)
            .ImportAsync(package, options.UserId, cancellationToken).ConfigureAwait(false);
        var forms = await RegisterAsync(environment, cancellationToken).ConfigureAwait(false);
        var users = await SaveOrganizationAsync(environment, options.DataFolder, package, cancellationToken)
            .ConfigureAwait(false);

        var index = ReadIndex(options.DataFolder);
        var imported = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var import in index.Imports)
        {
            if (import.Form == "order" && !options.IncludeOrderHistory)
            {
                continue;
            }

            var rows = await ImportFileAsync(environment, forms, options, import, cancellationToken).ConfigureAwait(false);
            imported[import.Form] = imported.GetValueOrDefault(import.Form) + rows;
            options.FileImported?.Invoke(new SampleFileImported(import.File, import.Form, rows));
        }

        return new SampleLoadResult(index.Today, users, imported);
    }

    private static async Task<Dictionary<string, FormDefinition>> RegisterAsync(
        SampleEnvironment environment, CancellationToken cancellationToken)
    {
        var stores = environment.Stores;
        var forms = new Dictionary<string, FormDefinition>(StringComparer.Ordinal);
        foreach (var summary in await stores.Definitions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (summary.LatestVersion is null)
            {
                continue;
            }

            var version = await stores.Definitions.GetVersionAsync(summary.Kind, summary.Key, null, cancellationToken)
                .ConfigureAwait(false);
            if (version is null)
            {
                continue;
            }

            if (summary.Kind == DefinitionKinds.Form)
            {
                var form = DefinitionJson.Deserialize<FormDefinition>(version.Json);
                await stores.RecordForms.RegisterFormAsync(form, cancellationToken).ConfigureAwait(false);
                forms[form.Key] = form;
            }
        }

        var flows = new StoreFlowDefinitionSource(stores.Definitions);
        foreach (var summary in await stores.Definitions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (summary.Kind == DefinitionKinds.Flow && summary.LatestVersion is not null)
            {
                var flow = await flows.GetAsync(summary.Key, null, cancellationToken).ConfigureAwait(false);
                await environment.Engine.SyncTriggersAsync(flow, cancellationToken).ConfigureAwait(false);
            }
        }

        return forms;
    }

    private static async Task<int> SaveOrganizationAsync(
        SampleEnvironment environment, string dataFolder, string package, CancellationToken cancellationToken)
    {
        var organization = environment.Stores.Organization;
        var manifest = DefinitionJson.Deserialize<PackageManifest>(
            await File.ReadAllTextAsync(Path.Combine(package, "package.json"), cancellationToken).ConfigureAwait(false));
        foreach (var role in manifest.Roles ?? [])
        {
            await organization.SaveRoleAsync(role, cancellationToken).ConfigureAwait(false);
        }

        var path = Path.Combine(dataFolder, SampleFiles.Users);
        try
        {
            var file = OrganizationFile.Parse(await ReadAsync(path, cancellationToken).ConfigureAwait(false), path);
            await file.SaveAsync(organization, cancellationToken).ConfigureAwait(false);
            return file.Users.Count;
        }
        catch (InvalidDataException invalid)
        {
            throw new SampleLoadException(invalid.Message, invalid);
        }
    }

    private static async Task<long> ImportFileAsync(
        SampleEnvironment environment, Dictionary<string, FormDefinition> forms, SampleLoadOptions options,
        SampleImport import, CancellationToken cancellationToken)
    {
        if (!forms.TryGetValue(import.Form, out var form))
        {
            throw new SampleLoadException(
                $"sample-data.json imports into form \"{import.Form}\", which the {PackageKey} package does not publish.");
        }

        var path = Path.Combine(options.DataFolder, import.File);
        if (!File.Exists(path))
        {
            throw new SampleLoadException($"Sample file \"{path}\" does not exist; regenerate the sample data.");
        }

        ImportMapping? mapping = null;
        if (import.Mapping is { } mappingFile)
        {
            var mappingPath = Path.Combine(options.DataFolder, mappingFile);
            mapping = ImportMapping.FromJson(
                await ReadAsync(mappingPath, cancellationToken).ConfigureAwait(false), $"\"{mappingPath}\"");
        }

        var importer = new RecordImporter(
            environment.Submissions, environment.Stores.Database, null, SampleEnvironment.Logger<RecordImporter>());
        await using var source = path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? (IImportSource)ExcelImportSource.Open(File.OpenRead(path), name: Path.GetFileName(path))
            : await CsvImportSource.OpenAsync(File.OpenRead(path), Path.GetFileName(path), cancellationToken)
                .ConfigureAwait(false);
        var result = await importer.ImportAsync(
            form, source, options.UserId,
            new ImportOptions { Mapping = mapping, Culture = SampleEnvironment.ImportCulture },
            cancellationToken).ConfigureAwait(false);
        if (!result.Committed || result.RowsRejected > 0)
        {
            var first = result.Errors.FirstOrDefault();
            throw new SampleLoadException(
                $"Importing \"{path}\" into form \"{import.Form}\" rejected {result.RowsRejected} of {result.RowsRead} rows, " +
                "so nothing of this file was written." + (first is null ? string.Empty : $" First error: {first.Message}"));
        }

        return result.RowsWritten;
    }

    private static SampleDataIndex ReadIndex(string dataFolder)
    {
        var path = Path.Combine(dataFolder, SampleFiles.Index);
        if (!File.Exists(path))
        {
            throw new SampleLoadException(
                $"\"{path}\" does not exist; pass the samples/data folder or generate the data with SamplesCli.");
        }

        var json = File.ReadAllText(path);
        try
        {
            return JsonSerializer.Deserialize<SampleDataIndex>(json, DefinitionJson.Options)
                ?? throw new SampleLoadException($"\"{path}\" is empty.");
        }
        catch (JsonException exception)
        {
            var description = JsonErrorDescriber.Describe(exception, $"Sample data index \"{path}\"", json);
            throw new SampleLoadException(description.Message, exception);
        }
    }

    private static async Task<string> ReadAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path)
            ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)
            : throw new SampleLoadException($"Sample file \"{path}\" does not exist; regenerate the sample data.");

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Where <see cref="SampleLoader"/> reads from, and as whom it writes.</summary>
/// <param name="TemplatesFolder">The folder that contains the template packages (definitions/templates).</param>
/// <param name="DataFolder">The sample data folder (samples/data) with sample-data.json.</param>
public sealed record SampleLoadOptions(string TemplatesFolder, string DataFolder)
{
    /// <summary>User recorded as the importer and publisher; "system" by default.</summary>
    public string UserId { get; init; } = "system";

    /// <summary>Whether to import orders.csv (three years of orders); true by default.</summary>
    public bool IncludeOrderHistory { get; init; } = true;

    /// <summary>Called after each sample file is imported, so that a host can report progress of a long load.</summary>
    public Action<SampleFileImported>? FileImported { get; init; }

    /// <summary>
    /// Finds definitions/templates and samples/data in <paramref name="start"/> or one of its parent folders.
    /// </summary>
    /// <exception cref="SampleLoadException">No parent folder contains both.</exception>
    public static SampleLoadOptions Locate(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var templates = Path.Combine(folder.FullName, "definitions", "templates");
            var data = Path.Combine(folder.FullName, "samples", "data");
            if (Directory.Exists(templates) && File.Exists(Path.Combine(data, SampleFiles.Index)))
            {
                return new SampleLoadOptions(templates, data);
            }
        }

        throw new SampleLoadException(
            $"No folder from \"{start}\" upwards holds definitions/templates and samples/data/{SampleFiles.Index}; "
            + "run from the repository, or pass both folders with --templates and --data.");
    }
}

/// <summary>What <see cref="SampleLoader.LoadAsync"/> loaded: the data's date, the users and rows per form.</summary>
public sealed record SampleLoadResult(DateOnly Today, int Users, IReadOnlyDictionary<string, long> RowsByForm);

/// <summary>Sample files are missing or do not load; the message names the file and row.</summary>
public sealed class SampleLoadException : Exception
{
    public SampleLoadException()
    {
    }

    public SampleLoadException(string message)
        : base(message)
    {
    }

    public SampleLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A sample file that <see cref="SampleLoader"/> imported.</summary>
/// <param name="File">The file name in the sample data folder.</param>
/// <param name="Form">The form the rows were written to.</param>
/// <param name="Rows">The rows written.</param>
public sealed record SampleFileImported(string File, string Form, long Rows);
