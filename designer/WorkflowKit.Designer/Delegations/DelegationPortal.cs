using System.Globalization;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Organization;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Delegations;

namespace WorkflowKit.Designer.Delegations;

/// <summary>
/// The delegations of the portal page, the admin page and <c>/api/delegations</c>: the same checks for each, with
/// user names and local times for display. A new delegation created with "move open tasks" moves them at once when its
/// period has started. Otherwise the engine's background round moves them when the period starts.
/// </summary>
public sealed class DelegationPortal(
    DelegationService delegations, WorkflowEngine engine, IOrganizationDirectory directory, TimeProvider time)
{
    /// <summary>The id of the tenant time zone in which delegation times are entered and shown.</summary>
    public string TimeZoneId => delegations.TimeZone.Id;

    /// <summary>Lists the user's own delegations, newest start first.</summary>
    public async Task<IReadOnlyList<DelegationView>> ListOwnAsync(UserContext user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var own = await delegations.ListForUserAsync(user.Id, cancellationToken).ConfigureAwait(false);
        return await ViewsAsync(own, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists every user's delegations, for administrators.</summary>
    /// <exception cref="AccessDeniedException">The user is not an administrator.</exception>
    public async Task<IReadOnlyList<DelegationView>> ListAllAsync(UserContext user, CancellationToken cancellationToken)
    {
        RequireAdmin(user);
        var all = await delegations.ListAllAsync(cancellationToken).ConfigureAwait(false);
        return await ViewsAsync(all, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a delegation for the caller, or for another user when the caller is an administrator.</summary>
    /// <exception cref="DelegationException">The input breaks a rule; nothing was written.</exception>
    public async Task<DelegationView> CreateAsync(
        UserContext user, DelegationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        var start = input.Start ?? throw new DelegationException(
            DelegationError.TimeMissing, "The start is missing; set start to a time such as 2025-03-03T09:00.")
        {
            Field = "start",
        };
        var end = input.End ?? throw new DelegationException(
            DelegationError.TimeMissing, "The end is missing; set end to a time after the start.")
        {
            Field = "end",
        };
        var request = new DelegationRequest(
            string.IsNullOrWhiteSpace(input.UserId) ? user.Id : input.UserId, input.DelegateId ?? string.Empty, start, end)
        {
            FlowKeys = input.FlowKeys,
            Note = input.Note,
            MoveOpenTasks = input.MoveOpenTasks,
        };
        var created = await delegations.CreateAsync(request, user.Id, IsAdmin(user), cancellationToken).ConfigureAwait(false);
        if (created.MoveOpenTasks && created.IsInForce(time.GetUtcNow()))
        {
            await engine.MoveDelegatedTasksAsync(cancellationToken).ConfigureAwait(false);
        }

        return (await ViewsAsync([created], cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>Ends one of the caller's delegations now, or anybody's for an administrator.</summary>
    /// <exception cref="DelegationException">The delegation does not exist for the caller or has ended.</exception>
    public async Task<DelegationView> EndAsync(UserContext user, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var ended = await delegations.EndAsync(id, user.Id, IsAdmin(user), cancellationToken).ConfigureAwait(false);
        return (await ViewsAsync([ended], cancellationToken).ConfigureAwait(false))[0];
    }

    private static bool IsAdmin(UserContext user) => user.IsInRole(RoleNames.Admin);

    private static void RequireAdmin(UserContext user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!IsAdmin(user))
        {
            throw new AccessDeniedException($"{user.Id} is not an administrator; only administrators see every delegation.");
        }
    }

    private async Task<IReadOnlyList<DelegationView>> ViewsAsync(
        IReadOnlyList<Delegation> items, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in items.SelectMany(item => new[] { item.UserId, item.DelegateId }).Distinct(StringComparer.Ordinal))
        {
            names[id] = (await directory.FindUserAsync(id, cancellationToken).ConfigureAwait(false))?.DisplayName ?? id;
        }

        var now = time.GetUtcNow();
        return [.. items.Select(item => new DelegationView(
            item.Id, item.UserId, names[item.UserId], item.DelegateId, names[item.DelegateId],
            Local(item.StartsAt), Local(item.EffectiveEnd), delegations.TimeZone.Id, item.FlowKeys, item.Note,
            item.MoveOpenTasks,
            item.EffectiveEnd <= now ? DelegationStatuses.Ended
                : item.StartsAt > now ? DelegationStatuses.Scheduled
                : DelegationStatuses.Active,
            item.CreatedBy, item.CreatedAt, item.EndedAt, item.EndedBy))];
    }

    private string Local(DateTimeOffset instant) =>
        delegations.ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
