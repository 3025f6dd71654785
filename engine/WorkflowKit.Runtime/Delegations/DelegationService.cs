using System.Globalization;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Organization;

namespace WorkflowKit.Runtime.Delegations;

/// <summary>
/// Creates, ends and lists delegations with the checks that the portal and the REST API share. A user manages their
/// own delegations; an administrator manages anybody's. After a creation with <see cref="Delegation.MoveOpenTasks"/>,
/// call <see cref="WorkflowEngine.MoveDelegatedTasksAsync"/> (the hosted service also calls it each round).
/// </summary>
public sealed class DelegationService
{
    /// <summary>Longest note, in UTF-16 code units.</summary>
    public const int MaxNoteLength = 500;

    private readonly IDelegationStore _store;
    private readonly IOrganizationDirectory _organization;
    private readonly TimeProvider _time;
    private readonly EngineOptions _options;
    private readonly IDefinitionStore? _definitions;

    /// <summary>
    /// Creates the service. With <paramref name="definitions"/>, each flow key of a new delegation must name a published
    /// flow of that store. Without it the keys are not checked.
    /// </summary>
    public DelegationService(
        IDelegationStore store, IOrganizationDirectory organization, TimeProvider time, EngineOptions options,
        IDefinitionStore? definitions = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _organization = organization;
        _time = time;
        _options = options;
        _definitions = definitions;
    }

    /// <summary>The tenant time zone in which <see cref="DelegationRequest"/> times are entered.</summary>
    public TimeZoneInfo TimeZone => _options.ResolveZone(null);

    /// <summary>Converts an instant to wall-clock time in the tenant time zone, for display.</summary>
    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;

    /// <summary>Checks and stores a delegation, and returns it.</summary>
    /// <exception cref="DelegationException">The request breaks a rule; nothing was written.</exception>
    public async Task<Delegation> CreateAsync(
        DelegationRequest request, string actorId, bool asAdministrator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(actorId);
        var now = _time.GetUtcNow();
        if (!asAdministrator && request.UserId != actorId)
        {
            throw new DelegationException(
                DelegationError.NotPermitted,
                $"{actorId} cannot create a delegation for {request.UserId}; only administrators delegate for others.")
            {
                Field = "userId",
            };
        }

        await CheckUsersAsync(request, cancellationToken).ConfigureAwait(false);
        var startsAt = ToInstant(request.Start, "start");
        var endsAt = ToInstant(request.End, "end");
        CheckPeriod(request, startsAt, endsAt, now);
        var flowKeys = CheckFlowKeys(request.FlowKeys);
        await CheckFlowsPublishedAsync(flowKeys, cancellationToken).ConfigureAwait(false);
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            throw new DelegationException(
                DelegationError.NoteTooLong,
                $"The note has {note.Length} characters; shorten it to at most {MaxNoteLength}.")
            {
                Field = "note",
            };
        }

        var delegation = new Delegation
        {
            Id = Guid.CreateVersion7(now).ToString("N"),
            UserId = request.UserId,
            DelegateId = request.DelegateId,
            StartsAt = startsAt,
            EndsAt = endsAt,
            FlowKeys = flowKeys,
            Note = note,
            MoveOpenTasks = request.MoveOpenTasks,
            CreatedBy = actorId,
            CreatedAt = now,
        };
        if (await _store.InsertAsync(delegation, cancellationToken).ConfigureAwait(false) is { } other)
        {
            throw new DelegationException(
                DelegationError.Overlaps,
                $"{request.UserId} already delegates to {other.DelegateId} from {Format(other.StartsAt)} to " +
                $"{Format(other.EffectiveEnd)} ({TimeZone.Id}) {FlowsOf(other)}, which overlaps {Format(startsAt)} to " +
                $"{Format(endsAt)} {FlowsOf(delegation)}; end that delegation first, choose a period outside it, " +
                "or limit the two to different flows.")
            {
                Field = "start",
                Conflicting = other,
            };
        }

        return delegation;
    }

    /// <summary>Ends a delegation now, and returns it as stored afterwards.</summary>
    /// <exception cref="DelegationException">The delegation does not exist, has ended, or belongs to another user.</exception>
    public async Task<Delegation> EndAsync(
        string id, string actorId, bool asAdministrator, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(actorId);
        var delegation = await _store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (delegation is null || (!asAdministrator && delegation.UserId != actorId))
        {
            // Another user's delegation reads as missing, so that ids of other users' delegations leak nothing.
            throw new DelegationException(
                DelegationError.NotFound, $"Delegation {id} does not exist; reload the list of delegations.");
        }

        var now = _time.GetUtcNow();
        if (delegation.EffectiveEnd <= now
            || !await _store.EndAsync(id, actorId, now, cancellationToken).ConfigureAwait(false))
        {
            throw new DelegationException(
                DelegationError.AlreadyEnded,
                $"Delegation {id} from {delegation.UserId} to {delegation.DelegateId} has already ended; " +
                "reload the list of delegations.");
        }

        return await _store.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? delegation;
    }

    /// <summary>Lists one user's delegations, newest start first.</summary>
    public Task<IReadOnlyList<Delegation>> ListForUserAsync(string userId, CancellationToken cancellationToken) =>
        _store.ListForUserAsync(userId, cancellationToken);

    /// <summary>Lists every delegation, newest start first, for administrators.</summary>
    public Task<IReadOnlyList<Delegation>> ListAllAsync(CancellationToken cancellationToken) =>
        _store.ListAllAsync(cancellationToken);

    private async Task CheckUsersAsync(DelegationRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.UserId)
            || await _organization.FindUserAsync(request.UserId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new DelegationException(
                DelegationError.UserNotFound,
                $"User \"{request.UserId}\" is not in the organisation directory or is disabled; " +
                "set userId to an active user.")
            {
                Field = "userId",
            };
        }

        if (string.IsNullOrWhiteSpace(request.DelegateId))
        {
            throw new DelegationException(
                DelegationError.DelegateMissing, "No delegate was given; set delegateId to the user who takes the tasks.")
            {
                Field = "delegateId",
            };
        }

        if (request.DelegateId == request.UserId)
        {
            throw new DelegationException(
                DelegationError.DelegatesToSelf,
                $"{request.UserId} cannot delegate to themselves; set delegateId to another user.")
            {
                Field = "delegateId",
            };
        }

        if (await _organization.FindUserAsync(request.DelegateId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new DelegationException(
                DelegationError.DelegateNotFound,
                $"Delegate \"{request.DelegateId}\" is not in the organisation directory or is disabled; " +
                "choose an active user.")
            {
                Field = "delegateId",
            };
        }
    }

    private void CheckPeriod(DelegationRequest request, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        if (endsAt <= startsAt)
        {
            throw new DelegationException(
                DelegationError.EndNotAfterStart,
                $"The end {Format(request.End)} is not after the start {Format(request.Start)}; set a later end.")
            {
                Field = "end",
            };
        }

        if (endsAt <= now)
        {
            throw new DelegationException(
                DelegationError.EndInPast,
                $"The end {Format(request.End)} ({TimeZone.Id}) has already passed; set an end in the future.")
            {
                Field = "end",
            };
        }
    }

    private static List<string> CheckFlowKeys(IReadOnlyList<string>? flowKeys)
    {
        var keys = new List<string>();
        foreach (var (key, index) in (flowKeys ?? []).Select((key, index) => (key, index)))
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new DelegationException(
                    DelegationError.FlowKeyBlank,
                    $"flowKeys[{index}] is blank; remove it or name a flow key.")
                {
                    Field = "flowKeys",
                };
            }

            if (!keys.Contains(key.Trim(), StringComparer.Ordinal))
            {
                keys.Add(key.Trim());
            }
        }

        return keys;
    }

    private async Task CheckFlowsPublishedAsync(List<string> flowKeys, CancellationToken cancellationToken)
    {
        if (_definitions is null)
        {
            return;
        }

        foreach (var key in flowKeys)
        {
            if (await _definitions.GetVersionAsync(DefinitionKinds.Flow, key, null, cancellationToken)
                    .ConfigureAwait(false) is null)
            {
                throw new DelegationException(
                    DelegationError.FlowNotFound,
                    $"Flow \"{key}\" in flowKeys has no published version; check the key, or remove it to delegate " +
                    "every flow.")
                {
                    Field = "flowKeys",
                };
            }
        }
    }

    private DateTimeOffset ToInstant(DateTime local, string field)
    {
        // A JSON time with an offset or Z arrives converted to the machine's time zone or UTC, so its wall-clock
        // value is not the tenant time the caller meant. The CLI rejects an offset in its time format too.
        if (local.Kind != DateTimeKind.Unspecified)
        {
            throw new DelegationException(
                DelegationError.TimeHasOffset,
                $"{field} has a UTC offset or Z; send the time in {TimeZone.Id} without an offset, such as " +
                "2025-03-03T09:00.")
            {
                Field = field,
            };
        }

        var wallClock = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(wallClock))
        {
            throw new ArgumentException(
                $"{field} {Format(local)} does not exist in time zone {TimeZone.Id}, because clocks skip it; " +
                "choose a time outside the change.", field);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(wallClock, TimeZone), TimeSpan.Zero);
    }

    private string Format(DateTimeOffset instant) => Format(ToLocal(instant));

    private static string FlowsOf(Delegation delegation) =>
        delegation.FlowKeys.Count == 0 ? "for every flow" : $"for flows {string.Join(", ", delegation.FlowKeys)}";

    private static string Format(DateTime local) => local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
