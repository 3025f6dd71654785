namespace WorkflowKit.Designer.Services;

/// <summary>
/// What the designer needs from the definitions store and validator. Documents travel as JSON
/// in <see cref="Definitions.Json.DefinitionJson.Options"/> form so one API serves forms and flows.
/// </summary>
public interface IDefinitionService
{
    Task<IReadOnlyList<DefinitionSummary>> ListAsync(DefinitionKind kind, CancellationToken cancellationToken);

    /// <summary>
    /// Gets the draft, or a draft made from the latest published version when none exists; null when unknown.
    /// </summary>
    Task<DefinitionDraft?> GetDraftAsync(DefinitionKind kind, string key, CancellationToken cancellationToken);

    /// <summary>Saves a draft; <paramref name="expectedRevision"/> null creates a new definition.</summary>
    /// <exception cref="Storage.ConcurrencyConflictException">
    /// Someone saved since <paramref name="expectedRevision"/>.
    /// </exception>
    Task<DefinitionDraft> SaveDraftAsync(
        DefinitionKind kind, string key, string json, long? expectedRevision, string userId,
        CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the draft, under any key, even one that publishing would reject. Returns false when there was none.
    /// </summary>
    Task<bool> DeleteDraftAsync(DefinitionKind kind, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Validates the draft and publishes it as the next version unless errors remain, with the publisher's optional
    /// <paramref name="comment"/> (at most <see cref="Definitions.Store.DefinitionComments.MaxLength"/> characters).
    /// </summary>
    Task<PublishResult> PublishAsync(
        DefinitionKind kind, string key, string userId, string? comment, CancellationToken cancellationToken);

    /// <summary>
    /// Lists the flows whose latest published version is bound to an older version of form <paramref name="formKey"/>
    /// than its latest published one, ordered by flow key. The list is empty when the form has no published version.
    /// </summary>
    Task<IReadOnlyList<FlowOnOlderForm>> ListFlowsOnOlderFormAsync(string formKey, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes the latest version of a flow again, unchanged, as a new version bound to its form's latest version,
    /// through the same validation as a draft. The flow's draft is not published.
    /// </summary>
    Task<PublishResult> RepublishFlowAsync(
        string flowKey, string userId, string? comment, CancellationToken cancellationToken);

    Task<IReadOnlyList<DefinitionVersionInfo>> GetHistoryAsync(
        DefinitionKind kind, string key, CancellationToken cancellationToken);

    Task<string?> GetVersionJsonAsync(
        DefinitionKind kind, string key, int version, CancellationToken cancellationToken);

    Task<IReadOnlyList<DesignerDiagnostic>> ValidateAsync(
        DefinitionKind kind, string json, CancellationToken cancellationToken);
}
