using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Cli.Commands;

/// <summary>
/// Imports one form, flow or view file, such as <c>export KEY --out FILE.json</c> writes, as the definition's draft,
/// and publishes it when asked. A package brings roles and permission rules as well, but a single file brings only
/// the definition.
/// </summary>
internal static class DefinitionFileImport
{
    /// <summary>What <c>import</c> accepts, for errors about a path it cannot read.</summary>
    public const string Accepted =
        "import takes a package folder (the folder holding package.json), its package.json, a .zip file of the " +
        "folder, or one form, flow or view .json file (\"kind\": \"form\", \"flow\" or \"view\"), which becomes the " +
        "definition's draft, or its next version with --publish.";

    /// <summary>
    /// Returns the kind of the definition in <paramref name="path"/>, or null when the path is a folder, a
    /// package.json or a .zip file, which are imported as packages.
    /// </summary>
    /// <exception cref="UsageException">The path does not exist, or the file is not a definition.</exception>
    public static async Task<string?> ReadKindAsync(string path, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path) || Path.GetFileName(path) == DefinitionValidator.ManifestFileName
            || path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"\"{path}\" does not exist. {Accepted}");
        }

        JsonNode? document;
        try
        {
            document = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (JsonException error)
        {
            throw new UsageException($"\"{path}\" is not a JSON file ({error.Message}). {Accepted}");
        }

        var kind = (document as JsonObject)?["kind"] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : null;
        if (kind == "package")
        {
            throw new UsageException(
                $"\"{path}\" is a package manifest, which is read only under the name " +
                $"{DefinitionValidator.ManifestFileName}. Rename it and import its folder.");
        }

        if (kind is null || !DefinitionKinds.All.Contains(kind))
        {
            throw new UsageException(
                $"\"{path}\" is not a definition: its \"kind\" is {(kind is null ? "missing" : $"\"{kind}\"")}. {Accepted}");
        }

        return kind;
    }

    /// <summary>
    /// Validates the file on its own, saves it as the draft of its definition and, with <paramref name="publish"/>,
    /// publishes that draft. A draft that differs from the file is kept unless <paramref name="replaceDraft"/> is
    /// set. When publishing is refused, the draft is put back as it was, so nothing changes.
    /// </summary>
    public static async Task<int> RunAsync(
        CliContext context, IDefinitionStore store, string path, string kind, string user, bool publish,
        bool replaceDraft, CancellationToken cancellationToken)
    {
        var report = await DefinitionValidator.ValidatePathsAsync([path], cancellationToken).ConfigureAwait(false);
        if (report.HasErrors)
        {
            throw new DefinitionValidationException($"Definition file \"{path}\"", report.Diagnostics);
        }

        foreach (var diagnostic in report.Diagnostics)
        {
            await context.Output.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
        }

        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var key = JsonNode.Parse(json)!["key"]?.GetValue<string>() ?? string.Empty;
        var previous = await store.GetDraftAsync(kind, key, cancellationToken).ConfigureAwait(false);
        if (previous is not null && !replaceDraft
            && !JsonNode.DeepEquals(JsonNode.Parse(previous.Json), JsonNode.Parse(json)))
        {
            throw new InvalidOperationException(
                $"{kind} \"{key}\" already has a draft (revision {previous.Revision}, saved by {previous.SavedBy} at " +
                $"{previous.SavedAt:yyyy-MM-dd HH:mm} UTC) that differs from \"{path}\". Publish or discard that draft " +
                "in the designer first, or pass --replace-draft to replace it.");
        }

        var saved = await store.SaveDraftAsync(kind, key, json, previous?.Revision, user, cancellationToken)
            .ConfigureAwait(false);
        if (!publish)
        {
            await context.Output.WriteLineAsync(
                $"Saved {path} as the draft of {kind} {key} (revision {saved.Revision}). Publish it with " +
                $"\"workflowkit publish {key} --kind {kind} --db DB\" or in the designer.")
                .ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var before = await store.GetVersionAsync(kind, key, null, cancellationToken).ConfigureAwait(false);
        DefinitionVersion published;
        try
        {
            published = await store.PublishAsync(
                kind, key, user, $"Imported from {Path.GetFileName(path)}", cancellationToken).ConfigureAwait(false);
        }
        catch (DefinitionValidationException)
        {
            await RestoreDraftAsync(store, previous, saved, user, cancellationToken).ConfigureAwait(false);
            throw;
        }

        await context.Output.WriteLineAsync(published.Version == before?.Version
            ? $"{kind} {key} version {published.Version} already has the content of {path}; nothing was published."
            : $"Published {path} as {kind} {key} version {published.Version}.")
            .ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task RestoreDraftAsync(
        IDefinitionStore store, DefinitionDraft? previous, DefinitionDraft saved, string user,
        CancellationToken cancellationToken)
    {
        if (previous is null)
        {
            await store.DeleteDraftAsync(saved.Kind, saved.Key, cancellationToken).ConfigureAwait(false);
            return;
        }

        await store.SaveDraftAsync(saved.Kind, saved.Key, previous.Json, saved.Revision, user, cancellationToken)
            .ConfigureAwait(false);
    }
}
