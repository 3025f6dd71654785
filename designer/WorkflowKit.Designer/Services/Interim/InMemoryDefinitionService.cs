using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Services.Interim;

/// <summary>Drafts and published versions held in memory, with the same concurrency rules as the store.</summary>
/// <remarks>NOTE: interim until the SQLite definition store lands; nothing survives a restart.</remarks>
public sealed class InMemoryDefinitionService(TimeProvider timeProvider, ILogger<InMemoryDefinitionService> logger)
    : IDefinitionService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(DefinitionKind, string), Entry> _entries = [];

    public Task<IReadOnlyList<DefinitionSummary>> ListAsync(DefinitionKind kind, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<DefinitionSummary> list = [.. _entries.Values
                .Where(entry => entry.Kind == kind)
                .OrderBy(entry => entry.Key, StringComparer.Ordinal)
                .Select(entry => new DefinitionSummary(
                    kind, entry.Key, NameOf(kind, entry.Draft?.Json ?? entry.Versions[^1].Json),
                    entry.Versions.Count == 0 ? null : entry.Versions.Count, entry.Draft is not null,
                    entry.Draft?.UpdatedBy, entry.Draft?.UpdatedAt))];
            return Task.FromResult(list);
        }
    }

    public Task<DefinitionDraft?> GetDraftAsync(DefinitionKind kind, string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue((kind, key), out var entry))
            {
                return Task.FromResult<DefinitionDraft?>(null);
            }

            if (entry.Draft is null)
            {
                var latest = entry.Versions[^1];
                entry.Draft = new DefinitionDraft(
                    kind, key, latest.Json, entry.NextRevision++, latest.PublishedBy, latest.PublishedAt, entry.Versions.Count);
            }

            return Task.FromResult<DefinitionDraft?>(entry.Draft);
        }
    }

    public Task<DefinitionDraft> SaveDraftAsync(
        DefinitionKind kind, string key, string json, long? expectedRevision, string userId,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _ = NameOf(kind, json);
        lock (_gate)
        {
            _entries.TryGetValue((kind, key), out var entry);
            var current = entry?.Draft;
            if (entry is not null && (expectedRevision is null || (current is not null && current.Revision != expectedRevision)))
            {
                throw new ConcurrencyConflictException(
                    $"The {kind.ToString().ToLowerInvariant()} '{key}' draft was changed by {current?.UpdatedBy} at " +
                    $"{current?.UpdatedAt:u} after you opened revision {expectedRevision}; reload it and apply your change again.")
                {
                    Subject = $"{kind} {key} draft",
                    ExpectedVersion = expectedRevision,
                    ActualVersion = current?.Revision,
                    ChangedBy = current?.UpdatedBy,
                };
            }

            entry ??= _entries[(kind, key)] = new Entry(kind, key);
            entry.Draft = new DefinitionDraft(
                kind, key, json, entry.NextRevision++, userId, timeProvider.GetUtcNow(),
                entry.Versions.Count == 0 ? null : entry.Versions.Count);
            return Task.FromResult(entry.Draft);
        }
    }

    public async Task<PublishResult> PublishAsync(
        DefinitionKind kind, string key, string userId, string? comment, CancellationToken cancellationToken)
    {
        var draft = await GetDraftAsync(kind, key, cancellationToken)
            ?? throw new ArgumentException($"There is no {kind} with key '{key}'.", nameof(key));
        var diagnostics = BasicDefinitionChecker.Check(kind, draft.Json);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new PublishResult(null, diagnostics);
        }

        int version;
        lock (_gate)
        {
            var entry = _entries[(kind, key)];
            entry.Versions.Add(new PublishedVersion(draft.Json, userId, timeProvider.GetUtcNow(), comment));
            version = entry.Versions.Count;
            entry.Draft = entry.Draft! with { BasedOnVersion = version };
        }

        DesignerLog.Published(logger, kind.ToString(), key, version, userId);
        return new PublishResult(version, diagnostics);
    }

    public Task<IReadOnlyList<DefinitionVersionInfo>> GetHistoryAsync(
        DefinitionKind kind, string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<DefinitionVersionInfo> list = _entries.TryGetValue((kind, key), out var entry)
                ? [.. entry.Versions.Select((v, i) => new DefinitionVersionInfo(i + 1, v.PublishedBy, v.PublishedAt, v.Comment))]
                : [];
            return Task.FromResult(list);
        }
    }

    public Task<string?> GetVersionJsonAsync(
        DefinitionKind kind, string key, int version, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(
                _entries.TryGetValue((kind, key), out var entry) && version >= 1 && version <= entry.Versions.Count
                    ? entry.Versions[version - 1].Json
                    : null);
        }
    }

    public Task<IReadOnlyList<DesignerDiagnostic>> ValidateAsync(
        DefinitionKind kind, string json, CancellationToken cancellationToken) =>
        Task.FromResult(BasicDefinitionChecker.Check(kind, json));

    private static LocalizedText NameOf(DefinitionKind kind, string json) => kind == DefinitionKind.Flow
        ? DefinitionJson.Deserialize<FlowDefinition>(json).Name
        : DefinitionJson.Deserialize<FormDefinition>(json).Name;

    private sealed class Entry(DefinitionKind kind, string key)
    {
        public DefinitionKind Kind { get; } = kind;

        public string Key { get; } = key;

        public DefinitionDraft? Draft { get; set; }

        public long NextRevision { get; set; } = 1;

        public List<PublishedVersion> Versions { get; } = [];
    }

    private sealed record PublishedVersion(string Json, string PublishedBy, DateTimeOffset PublishedAt, string? Comment);
}
