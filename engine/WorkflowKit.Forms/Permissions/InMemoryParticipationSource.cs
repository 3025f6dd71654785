using System.Collections.Concurrent;

namespace WorkflowKit.Permissions;

/// <summary>Participation held in memory, for tests and for hosts without a runtime.</summary>
public sealed class InMemoryParticipationSource : IParticipationSource
{
    private readonly ConcurrentDictionary<(string UserId, string FormKey), ConcurrentDictionary<long, byte>> _records =
        new();

    public InMemoryParticipationSource Add(string userId, string formKey, long recordId)
    {
        _records.GetOrAdd((userId, formKey), _ => new ConcurrentDictionary<long, byte>())[recordId] = 0;
        return this;
    }

    public Task<IReadOnlyCollection<long>> GetRecordIdsAsync(
        string userId, string formKey, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<long>>(
            _records.TryGetValue((userId, formKey), out var ids) ? [.. ids.Keys.Order()] : []);
}
