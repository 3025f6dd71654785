namespace WorkflowKit.Runtime.Drafts;

/// <summary>
/// Drafts of start forms and task forms, one per user and scope. Every method takes the user id, so a caller that
/// passes the signed-in user never reads or removes another user's draft.
/// </summary>
public interface IFormDraftStore
{
    /// <summary>Inserts the draft, or replaces the user's draft of the same scope.</summary>
    Task SaveAsync(FormDraft draft, CancellationToken cancellationToken);

    /// <summary>Returns the user's draft of <paramref name="scope"/>, or null when there is none.</summary>
    Task<FormDraft?> FindAsync(string userId, string scope, CancellationToken cancellationToken);

    /// <summary>Deletes the user's draft of <paramref name="scope"/>; returns whether there was one.</summary>
    Task<bool> DeleteAsync(string userId, string scope, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the drafts that can no longer be sent, and returns how many: task form drafts whose task is closed
    /// or held by another user, and start form drafts saved before <paramref name="startSavedBefore"/>.
    /// </summary>
    Task<int> DeleteOrphanedAsync(DateTimeOffset startSavedBefore, CancellationToken cancellationToken);
}
