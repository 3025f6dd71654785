using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Definitions.Validation;

/// <summary>
/// Validates definition documents: encoding and JSON syntax, the schema of each kind, then
/// semantic checks. Documents are validated as a set (a package, or the files of a folder) so
/// that flows and views see their forms.
/// </summary>
public static class DefinitionValidator
{
    /// <summary>Name of a package's manifest file.</summary>
    public const string ManifestFileName = "package.json";

    /// <summary>
    /// Validates files and folders. A folder holding a <c>package.json</c> (at any depth) is
    /// validated as a package; the other <c>.json</c> files (schema files excluded) form one set.
    /// </summary>
    public static async Task<ValidationReport> ValidatePathsAsync(IEnumerable<string> paths,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var reports = new List<ValidationReport>();
        var looseFiles = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var packages = Directory.EnumerateFiles(path, ManifestFileName, SearchOption.AllDirectories)
                    .Select(Path.GetDirectoryName).OfType<string>().Order(StringComparer.Ordinal).ToList();
                foreach (var package in packages)
                {
                    reports.Add(await ValidatePackageAsync(package, cancellationToken).ConfigureAwait(false));
                }

                looseFiles.AddRange(Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories)
                    .Where(file => !file.EndsWith(".schema.json", StringComparison.Ordinal))
                    .Where(file => !packages.Any(package => IsInside(file, package)))
                    .Order(StringComparer.Ordinal));
            }
            else if (Path.GetFileName(path) == ManifestFileName)
            {
                var folder = Path.GetDirectoryName(path);
                reports.Add(await ValidatePackageAsync(string.IsNullOrEmpty(folder) ? "." : folder, cancellationToken)
                    .ConfigureAwait(false));
            }
            else
            {
                looseFiles.Add(path);
            }
        }

        if (looseFiles.Count > 0)
        {
            var sources = new List<JsonSource>();
            foreach (var file in looseFiles)
            {
                sources.Add(await JsonSourceReader.ReadFileAsync(file, cancellationToken).ConfigureAwait(false));
            }

            reports.Add(Validate(sources));
        }

        return ValidationReport.Combine(reports);
    }

    /// <summary>Validates documents read elsewhere as one set.</summary>
    public static ValidationReport Validate(IReadOnlyList<JsonSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var diagnostics = new List<Diagnostic>();
        var documents = new List<DefinitionDocument>();
        var unreadable = new HashSet<(string Kind, string Key)>();
        foreach (var source in sources)
        {
            if (DocumentLoader.Load(source, diagnostics) is { } loaded)
            {
                documents.Add(loaded);
            }
            else if (DefinitionSet.KindAndKey(source) is { } failed)
            {
                unreadable.Add(failed);
            }
        }

        var manifests = documents.Where(document => document.Kind == PackageManifest.KindName).ToList();
        foreach (var manifest in manifests)
        {
            diagnostics.Add(manifest.Source.At(
                DiagnosticCodes.PackageKindMismatch, DiagnosticSeverity.Error, "/kind",
                $"A package manifest must be named {ManifestFileName}; \"{Path.GetFileName(manifest.File)}\" was not " +
                "read as a package. Rename it or validate its folder."));
        }

        CheckSet(new DefinitionSet([.. documents.Except(manifests)], package: null, unreadable), diagnostics);
        return new ValidationReport(diagnostics, documents);
    }

    /// <summary>Validates a package folder: its manifest, the documents it lists, and their references.</summary>
    public static async Task<ValidationReport> ValidatePackageAsync(string folder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var diagnostics = new List<Diagnostic>();
        var manifestPath = Path.Combine(folder, ManifestFileName);
        var manifestSource = await JsonSourceReader.ReadFileAsync(manifestPath, cancellationToken)
            .ConfigureAwait(false);
        var manifestDocument = DocumentLoader.Load(manifestSource, diagnostics);
        if (manifestDocument?.Model is not PackageManifest manifest)
        {
            if (manifestDocument is not null)
            {
                diagnostics.Add(manifestSource.At(
                    DiagnosticCodes.PackageKindMismatch, DiagnosticSeverity.Error, "/kind",
                    $"{ManifestFileName} must have \"kind\": \"package\", got \"{manifestDocument.Kind}\"."));
            }

            return new ValidationReport(diagnostics, [], packageFolder: folder);
        }

        var documents = new List<DefinitionDocument>();
        var unreadable = new HashSet<(string Kind, string Key)>();
        foreach (var (kind, list, property) in new[]
                 {
                     (FormDefinition.KindName, manifest.Forms, "forms"),
                     (FlowDefinition.KindName, manifest.Flows, "flows"),
                     (ViewDefinition.KindName, manifest.Views ?? [], "views"),
                 })
        {
            for (var i = 0; i < list.Count; i++)
            {
                var pointer = JsonPointers.Of(property, i);
                var document = await LoadListedAsync(
                    manifestSource, folder, list[i], kind, pointer, diagnostics, unreadable, cancellationToken)
                        .ConfigureAwait(false);
                if (document is not null)
                {
                    documents.Add(document);
                }
            }
        }

        var set = new DefinitionSet(documents, manifest, unreadable);
        CheckSet(set, diagnostics);
        PackageChecker.Check(new CheckContext(manifestSource, diagnostics), manifest, set, folder);
        return new ValidationReport(diagnostics, documents, manifest, folder);
    }

    private static async Task<DefinitionDocument?> LoadListedAsync(
        JsonSource manifest, string folder, string relativePath, string kind, string pointer,
        List<Diagnostic> diagnostics, HashSet<(string Kind, string Key)> unreadable,
        CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, relativePath);
        if (!File.Exists(path))
        {
            diagnostics.Add(manifest.At(
                DiagnosticCodes.PackageFileMissing, DiagnosticSeverity.Error, pointer,
                $"The manifest lists \"{relativePath}\", but no such file exists in the package folder. Add the " +
                "file or fix the path (paths are relative to package.json and case-sensitive)."));
            return null;
        }

        var source = await JsonSourceReader.ReadFileAsync(path, cancellationToken).ConfigureAwait(false);
        var document = DocumentLoader.Load(source, diagnostics);
        if (document is null && DefinitionSet.KindAndKey(source) is { } failed && failed.Kind == kind)
        {
            unreadable.Add(failed);
        }

        if (document is not null && document.Kind != kind)
        {
            diagnostics.Add(manifest.At(
                DiagnosticCodes.PackageKindMismatch, DiagnosticSeverity.Error, pointer,
                $"\"{relativePath}\" is listed as a {kind} but holds a {document.Kind}. Move it to the right list."));
            return null;
        }

        return document;
    }

    private static void CheckSet(DefinitionSet set, List<Diagnostic> diagnostics)
    {
        var firstByKey = new Dictionary<(string Kind, string Key), DefinitionDocument>();
        foreach (var document in set.Documents)
        {
            if (!firstByKey.TryAdd((document.Kind, document.Key), document))
            {
                diagnostics.Add(document.Source.At(
                    DiagnosticCodes.DuplicateDocumentKey, DiagnosticSeverity.Error, "/key",
                    $"{document.Kind} key \"{document.Key}\" is already used by " +
                    $"{firstByKey[(document.Kind, document.Key)].File}. " +
                    "Keys identify documents; give one of them another key."));
            }

            var context = new CheckContext(document.Source, diagnostics);
            switch (document.Model)
            {
                case FormDefinition form:
                    FormChecker.Check(context, form, set);
                    break;
                case FlowDefinition flow:
                    FlowChecker.Check(context, flow, set);
                    break;
                case ViewDefinition view:
                    ViewChecker.Check(context, view, set);
                    break;
                default:
                    break;
            }
        }
    }

    private static bool IsInside(string file, string folder)
    {
        var relative = Path.GetRelativePath(folder, file);
        return !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
