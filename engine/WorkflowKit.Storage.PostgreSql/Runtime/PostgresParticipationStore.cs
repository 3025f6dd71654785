using Dapper;
using WorkflowKit.Runtime.Notifications;
using WorkflowKit.Runtime.Participation;

namespace WorkflowKit.Storage.PostgreSql.Runtime;

/// <summary>
/// Participation on PostgreSQL (migration 4100): the records a user takes part in through flow
/// instances, read from the runtime tables, for permission rules with <c>participant: true</c>.
/// </summary>
public sealed class PostgresParticipationStore(PostgresDatabase database) : IParticipationStore
{
    private readonly PostgresDatabase _database = database ?? throw new ArgumentNullException(nameof(database));

    public async Task<IReadOnlyCollection<long>> GetRecordIdsAsync(
        string userId, string formKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(formKey);
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            ParticipationSql.RecordIds,
            new { UserId = userId, FormKey = formKey, CarbonCopy = NotificationKinds.CarbonCopy },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. ids];
    }

    public async Task LinkRecordAsync(
        IStorageTransaction transaction, string instanceId, string formKey, long recordId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await transaction.Connection.ExecuteAsync(new CommandDefinition(
            ParticipationSql.LinkRecord,
            new { InstanceId = instanceId, FormKey = formKey, RecordId = recordId },
            transaction.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
