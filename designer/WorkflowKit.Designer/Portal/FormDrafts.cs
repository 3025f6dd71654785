using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Runtime.Drafts;

namespace WorkflowKit.Designer.Portal;

/// <summary>
/// Saves, restores and removes the signed-in user's drafts of start forms and task forms. Every call takes the
/// <see cref="UserContext"/> of the page, so one user's draft never reaches another user's page.
/// </summary>
public sealed class FormDrafts(IFormDraftStore store, TimeProvider time)
{
    /// <summary>
    /// Saves <paramref name="data"/> as the user's draft of <paramref name="scope"/>. File fields are left out, because
    /// <see cref="Files.FileSweep"/> deletes an upload that no submission references, so the user attaches files again.
    /// </summary>
    public Task SaveAsync(
        UserContext user, string scope, int version, FormDefinition form, JsonObject data,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(data);
        var withoutFiles = new JsonObject();
        foreach (var (fieldId, value) in data)
        {
            var field = form.Fields.FirstOrDefault(candidate => candidate.Id == fieldId);
            if (field is not null && !FieldTypes.Files.Contains(field.Type))
            {
                withoutFiles[fieldId] = WithoutFileColumns(field, value);
            }
        }

        return store.SaveAsync(new FormDraft(user.Id, scope, version, withoutFiles, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>Returns the user's draft of <paramref name="scope"/>, or null when there is none.</summary>
    public Task<FormDraft?> FindAsync(UserContext user, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return store.FindAsync(user.Id, scope, cancellationToken);
    }

    /// <summary>Deletes the user's draft of <paramref name="scope"/>, if there is one.</summary>
    public Task DeleteAsync(UserContext user, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return store.DeleteAsync(user.Id, scope, cancellationToken);
    }

    /// <summary>
    /// Copies the draft's values of <paramref name="fieldIds"/> into <paramref name="data"/>, and returns how many it
    /// copied. A field that the current form no longer has, or that the page does not let the user edit, is skipped.
    /// </summary>
    public static int Apply(FormDraft draft, JsonObject data, IEnumerable<string> fieldIds)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fieldIds);
        var copied = 0;
        foreach (var fieldId in fieldIds)
        {
            if (draft.Data.TryGetPropertyValue(fieldId, out var value))
            {
                data[fieldId] = value?.DeepClone();
                copied++;
            }
        }

        return copied;
    }

    /// <summary>
    /// Returns how the form changed since a start form draft was saved: null when the draft was saved under
    /// <paramref name="currentVersion"/> or under a version whose form (<paramref name="saved"/>) is the same as
    /// <paramref name="current"/>. A saved form that no longer exists counts as different. The dropped fields are
    /// named by their label in the saved form, in <paramref name="culture"/>, else by id.
    /// </summary>
    public static DraftVersionChange? VersionChange(
        FormDraft draft, int currentVersion, FormDefinition current, FormDefinition? saved, string culture)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(current);
        if (draft.Version == currentVersion
            || (saved is not null && DefinitionJson.Serialize(saved) == DefinitionJson.Serialize(current)))
        {
            return null;
        }

        var dropped = draft.Data.Select(pair => pair.Key)
            .Where(fieldId => current.Fields.All(field => field.Id != fieldId))
            .Select(fieldId => saved?.Fields.FirstOrDefault(field => field.Id == fieldId)?.Label.Get(culture) ?? fieldId)
            .ToList();
        return new DraftVersionChange(draft.Version, currentVersion, dropped);
    }

    private static JsonNode? WithoutFileColumns(FieldDefinition field, JsonNode? value)
    {
        var fileColumns = field.Fields?.Where(column => FieldTypes.Files.Contains(column.Type))
            .Select(column => column.Id).ToList() ?? [];
        var copy = value?.DeepClone();
        if (fileColumns.Count == 0 || copy is not JsonArray rows)
        {
            return copy;
        }

        foreach (var row in rows.OfType<JsonObject>())
        {
            fileColumns.ForEach(column => row.Remove(column));
        }

        return copy;
    }
}
