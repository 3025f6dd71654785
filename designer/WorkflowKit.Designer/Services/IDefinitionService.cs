namespace WorkflowKit.Designer.Services;

/// <summary>
/// What the designer needs from the definitions store and validator. Documents travel as JSON
/// in <see cref="Definitions.Json.DefinitionJson.Options"/> form so one API serves forms and flows.
/// </summary>
public interface IDefinitionService
{
    Task<IReadOnlyList<DefinitionSummary>> ListAsync(DefinitionKind kind, CancellationToken cancellationToken);

    /// <summary>The draft, or a draft made from the latest published version when none exists; null when unknown.</summary>
    Task<DefinitionDraft?> GetDraftAsync(DefinitionKind kind, string key, CancellationToken cancellationToken);

    /// <summary>Saves a draft; <paramref name="expectedRevision"/> null creates a new definition.</summary>
    /// <exception cref="Storage.ConcurrencyConflictException">Someone saved since <paramref name="expectedRevision"/>.</exception>
    Task<DefinitionDraft> SaveDraftAsync(
        DefinitionKind kind, string key, string json, long? expectedRevision, string userId,
        CancellationToken cancellationToken);

    /// <summary>Validates the draft and publishes it as the next version unless errors remain.</summary>
    Task<PublishResult> PublishAsync(
        DefinitionKind kind, string key, string userId, string? comment, CancellationToken cancellationToken);

    Task<IReadOnlyList<DefinitionVersionInfo>> GetHistoryAsync(
        DefinitionKind kind, string key, CancellationToken cancellationToken);

    Task<string?> GetVersionJsonAsync(DefinitionKind kind, string key, int version, CancellationToken cancellationToken);

    Task<IReadOnlyList<DesignerDiagnostic>> ValidateAsync(
        DefinitionKind kind, string json, CancellationToken cancellationToken);
}
