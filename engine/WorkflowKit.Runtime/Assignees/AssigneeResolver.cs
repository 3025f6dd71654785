using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Organization;
using WorkflowKit.Runtime.Execution;
using WorkflowKit.Runtime.Incidents;

namespace WorkflowKit.Runtime.Assignees;

/// <summary>Turns assignee rules into user ids through the organisation directory.</summary>
internal sealed class AssigneeResolver(EngineServices services)
{
    /// <summary>
    /// Resolves every rule and returns distinct user ids in rule order. When the rules match nobody, the
    /// <paramref name="fallback"/> rules are resolved in their place.
    /// </summary>
    /// <exception cref="FlowFaultException">No rule, and no fallback rule, yields anybody.</exception>
    public async Task<IReadOnlyList<string>> ResolveAsync(
        StepContext context, NodeDefinition node, IReadOnlyList<AssigneeRule>? rules, string purpose,
        CancellationToken cancellationToken, IReadOnlyList<AssigneeRule>? fallback = null)
    {
        if (rules is null || rules.Count == 0)
        {
            throw new FlowFaultException(
                IncidentKinds.Assignee,
                $"Node '{node.Id}' ({node.Type}) has no {purpose} rules; add at least one to the flow definition.");
        }

        var users = await ResolveAllAsync(context, node, rules, cancellationToken).ConfigureAwait(false);
        if (users.Count == 0 && fallback is { Count: > 0 })
        {
            users = await ResolveAllAsync(context, node, fallback, cancellationToken).ConfigureAwait(false);
            rules = [.. rules, .. fallback];
        }

        if (users.Count == 0)
        {
            var described = string.Join("; ", rules.Select(Describe));
            throw new FlowFaultException(
                IncidentKinds.Assignee,
                $"Node '{node.Id}' ({node.Type}) resolved no {purpose}: {described} matched nobody. " +
                "Fix the organisation data or the node's rules, then retry the incident.");
        }

        return users;
    }

    private async Task<List<string>> ResolveAllAsync(
        StepContext context, NodeDefinition node, IReadOnlyList<AssigneeRule> rules, CancellationToken cancellationToken)
    {
        var users = new List<string>();
        foreach (var rule in rules)
        {
            foreach (var user in await ResolveRuleAsync(context, node, rule, cancellationToken).ConfigureAwait(false))
            {
                if (!users.Contains(user, StringComparer.Ordinal))
                {
                    users.Add(user);
                }
            }
        }

        return users;
    }

    private async Task<IReadOnlyList<string>> ResolveRuleAsync(
        StepContext context, NodeDefinition node, AssigneeRule rule, CancellationToken cancellationToken)
    {
        var org = services.Organization;
        switch (rule.Type)
        {
            case AssigneeTypes.User:
                var user = await org.FindUserAsync(Require(node, rule), cancellationToken).ConfigureAwait(false);
                return user is null ? [] : [user.Id];
            case AssigneeTypes.Role:
                var members = await org.GetUsersInRoleAsync(Require(node, rule), cancellationToken).ConfigureAwait(false);
                return Filter(context, node, rule, members, cancellationToken);
            case AssigneeTypes.Department:
                var staff = await org.GetDepartmentMembersAsync(Require(node, rule), cancellationToken).ConfigureAwait(false);
                return Filter(context, node, rule, staff, cancellationToken);
            case AssigneeTypes.DepartmentManager:
                var department = await org.FindDepartmentAsync(Require(node, rule), cancellationToken).ConfigureAwait(false);
                return department?.ManagerId is { } manager ? [manager] : [];
            case AssigneeTypes.Field:
                return UserIds(context.Instance.Form[Require(node, rule)]);
            case AssigneeTypes.Expression:
                var value = Evaluate(context, node, Require(node, rule), cancellationToken);
                return UserIds(value);
            case AssigneeTypes.Initiator:
                return [context.Instance.Initiator];
            case AssigneeTypes.InitiatorManager:
                return await InitiatorManagerAsync(context, cancellationToken).ConfigureAwait(false);
            default:
                throw new FlowFaultException(
                    IncidentKinds.Definition,
                    $"Node '{node.Id}' has an assignee rule of unknown type \"{rule.Type}\"; expected one of " +
                    $"{string.Join(", ", AssigneeTypes.All.Order(StringComparer.Ordinal))}.");
        }
    }

    private async Task<IReadOnlyList<string>> InitiatorManagerAsync(StepContext context, CancellationToken cancellationToken)
    {
        var org = services.Organization;
        var initiator = await org.FindUserAsync(context.Instance.Initiator, cancellationToken).ConfigureAwait(false);
        var departmentId = initiator?.DepartmentId;
        while (departmentId is not null)
        {
            var department = await org.FindDepartmentAsync(departmentId, cancellationToken).ConfigureAwait(false);
            if (department is null)
            {
                return [];
            }

            // The manager of one's own department manages everyone but themselves; look one level up.
            if (department.ManagerId is { } manager && manager != context.Instance.Initiator)
            {
                return [manager];
            }

            departmentId = department.ParentId;
        }

        return [];
    }

    private List<string> Filter(
        StepContext context, NodeDefinition node, AssigneeRule rule, IReadOnlyList<OrgUser> users,
        CancellationToken cancellationToken)
    {
        if (rule.Where is null || rule.Where.Count == 0)
        {
            return [.. users.Select(user => user.Id)];
        }

        var wanted = rule.Where.ToDictionary(
            pair => pair.Key,
            pair => Text(Evaluate(context, node, pair.Value, cancellationToken)),
            StringComparer.Ordinal);
        return [.. users
            .Where(user => wanted.All(pair => pair.Value is not null && AttributeOf(user, pair.Key) == pair.Value))
            .Select(user => user.Id)];
    }

    private static string? AttributeOf(OrgUser user, string name) => name switch
    {
        "id" => user.Id,
        "department" => user.DepartmentId,
        _ => user.GetAttribute(name),
    };

    private JsonNode? Evaluate(StepContext context, NodeDefinition node, string expression, CancellationToken cancellationToken)
    {
        try
        {
            return services.Expressions.Evaluate(expression, context.Scope(), cancellationToken);
        }
        catch (Expressions.FlowExpressionException exception)
        {
            throw new FlowFaultException(
                IncidentKinds.Expression,
                $"Node '{node.Id}': assignee expression \"{expression}\" failed: {exception.Message}", exception);
        }
    }

    private static string Require(NodeDefinition node, AssigneeRule rule) =>
        string.IsNullOrWhiteSpace(rule.Value)
            ? throw new FlowFaultException(
                IncidentKinds.Definition,
                $"Node '{node.Id}' has a \"{rule.Type}\" assignee rule without a value; set the rule's value.")
            : rule.Value;

    private static string Describe(AssigneeRule rule)
    {
        var where = rule.Where is { Count: > 0 }
            ? " where " + string.Join(" and ", rule.Where.Select(pair => $"{pair.Key} = {pair.Value}"))
            : string.Empty;
        return rule.Value is null ? $"rule {rule.Type}{where}" : $"rule {rule.Type} '{rule.Value}'{where}";
    }

    internal static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => node.ToJsonString(),
    };

    private static List<string> UserIds(JsonNode? value) => value switch
    {
        null => [],
        JsonArray array => [.. array.SelectMany(UserIds)],
        JsonObject item when item["id"] is { } id => [.. UserIds(id)],
        JsonValue single when Text(single) is { Length: > 0 } text => [text],
        _ => [],
    };
}
