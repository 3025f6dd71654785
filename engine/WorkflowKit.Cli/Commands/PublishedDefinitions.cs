using System.Globalization;
using WorkflowKit.Definitions.Store;

namespace WorkflowKit.Cli.Commands;

/// <summary>
/// Checks that a form or flow that a command works on has a published version. A definition that exists only as a
/// draft, as the designer saves it, needs <c>workflowkit publish</c> and not a package import, so its error names
/// that command.
/// </summary>
internal static class PublishedDefinitions
{
    /// <summary>
    /// Throws when <paramref name="key"/> has a draft but no published version of <paramref name="kind"/>. Returns
    /// when the definition is published or is not in the database at all, because each command reports a missing
    /// definition with its own message.
    /// </summary>
    /// <exception cref="InvalidOperationException">The definition is an unpublished draft.</exception>
    public static async Task RequireNotDraftOnlyAsync(
        IDefinitionStore store, string kind, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (await store.GetVersionAsync(kind, key, null, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        var draft = await store.GetDraftAsync(kind, key, cancellationToken).ConfigureAwait(false);
        if (draft is not null)
        {
            throw new InvalidOperationException(DraftOnly(draft));
        }
    }

    /// <summary>Throws unless <paramref name="key"/> has a published version of <paramref name="kind"/>.</summary>
    /// <exception cref="InvalidOperationException">The definition is an unpublished draft.</exception>
    /// <exception cref="KeyNotFoundException">The database has neither a draft nor a version of it.</exception>
    public static async Task RequirePublishedAsync(
        IDefinitionStore store, string kind, string key, CancellationToken cancellationToken)
    {
        await RequireNotDraftOnlyAsync(store, kind, key, cancellationToken).ConfigureAwait(false);
        if (await store.GetVersionAsync(kind, key, null, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new KeyNotFoundException(
                $"{Title(kind)} '{key}' is not in this database. Run \"workflowkit list --db DB\" to see the keys it " +
                "has, or publish the template package that declares it with \"workflowkit import PACKAGE --db DB\".");
        }
    }

    private static string DraftOnly(DefinitionDraft draft) =>
        $"{Title(draft.Kind)} '{draft.Key}' is only a draft in this database (revision {draft.Revision}, saved by " +
        $"{draft.SavedBy}) and has no published version. Publish the draft with \"workflowkit publish {draft.Key} " +
        $"--kind {draft.Kind} --db DB\" (or with Publish in the designer), then run this command again.";

    private static string Title(string kind) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(kind);
}
