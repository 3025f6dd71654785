using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Organization;
using WorkflowKit.Records;

namespace WorkflowKit.Permissions;

/// <summary>
/// Resolves the permission rules of a form for a user into a <see cref="RecordAccessScope"/>:
/// the one permission filter behind every read path of <see cref="RecordReader"/> and behind
/// the write checks of form submissions and imports.
/// </summary>
/// <remarks>
/// A user sees a record when any rule of any of their roles that grants the action admits it:
/// the rule's <c>rows</c> condition is true (with <c>valueFrom</c> resolved against the user), or
/// <c>own</c> and the user created it, or <c>participant</c> and the user takes part in its
/// instance. A rule with none of the three admits every record. A user unknown to the
/// directory, or without a rule on the form, gets nothing.
/// </remarks>
public sealed class RecordAccess
{
    private readonly IPermissionRuleStore _rules;
    private readonly IOrganizationDirectory _directory;
    private readonly IParticipationSource _participation;

    public RecordAccess(IPermissionRuleStore rules, IOrganizationDirectory directory,
        IParticipationSource participation)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(participation);
        _rules = rules;
        _directory = directory;
        _participation = participation;
    }

    public async Task<RecordAccessScope> ResolveAsync(
        string userId, string formKey, string action, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(formKey);
        if (!PermissionActions.All.Contains(action))
        {
            throw new ArgumentException(
                $"Unknown permission action '{action}'; expected one of {string.Join(", ", PermissionActions.All)}.",
                nameof(action));
        }

        var user = await _directory.FindUserAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return new RecordAccessScope(formKey, action, null, []);
        }

        var roles = new HashSet<string>(user.Roles, StringComparer.Ordinal);
        var rules = (await _rules.GetRulesAsync(formKey, cancellationToken).ConfigureAwait(false))
            .Where(rule => roles.Contains(rule.Role) && Grants(rule, action))
            .ToList();

        IReadOnlyCollection<long>? participated = null;
        var grants = new List<AccessGrant>();
        foreach (var rule in rules)
        {
            if (rule.Participant && participated is null)
            {
                participated = await _participation.GetRecordIdsAsync(user.Id, formKey, cancellationToken)
                    .ConfigureAwait(false);
            }

            grants.Add(new AccessGrant(
                rule.Role,
                RowsOf(rule, user, participated),
                new HashSet<string>(rule.HiddenFields ?? [], StringComparer.Ordinal)));
        }

        return new RecordAccessScope(formKey, action, user, grants);
    }

    private static bool Grants(PermissionRule rule, string action) =>
        rule.Actions.Contains(action, StringComparer.Ordinal);

    private static RecordFilter RowsOf(PermissionRule rule, OrgUser user, IReadOnlyCollection<long>? participated)
    {
        if (rule.Rows is null && !rule.Own && !rule.Participant)
        {
            return RecordFilter.True;
        }

        var admitted = new List<RecordFilter>();
        if (rule.Rows is not null)
        {
            admitted.Add(ConditionFilters.FromCondition(rule.Rows, user));
        }

        if (rule.Own)
        {
            admitted.Add(RecordFilter.Compare(RecordSystemFields.CreatedBy, "eq", user.Id));
        }

        if (rule.Participant)
        {
            var ids = participated ?? [];
            admitted.Add(ids.Count == 0
                ? RecordFilter.False
                : RecordFilter.Compare(
                    RecordSystemFields.Id, "in",
                        new JsonArray([.. ids.Select(id => (JsonNode?)JsonValue.Create(id))])));
        }

        return RecordFilter.Or(admitted);
    }
}
