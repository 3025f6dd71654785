using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Drafts;

/// <summary>
/// A user's unsent input in a start form or a task form, kept on the server so that a reload, a dropped connection
/// or a closed laptop does not lose it. Only <see cref="UserId"/> reads it back.
/// </summary>
/// <param name="UserId">The user who typed the input.</param>
/// <param name="Scope">The form the input belongs to, as <see cref="FormDraftScopes"/> builds it.</param>
/// <param name="Version">
/// The flow version whose form the input was typed in, so that a draft of an older start form is not restored into a
/// newer one.
/// </param>
/// <param name="Data">The form's field values, without file fields.</param>
/// <param name="SavedAt">When the input was last saved, in UTC.</param>
public sealed record FormDraft(string UserId, string Scope, int Version, JsonObject Data, DateTimeOffset SavedAt);
