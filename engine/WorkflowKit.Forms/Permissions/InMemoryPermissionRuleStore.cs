using System.Collections.Concurrent;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Permissions;

/// <summary>Permission rules held in memory, for tests and scenarios.</summary>
public sealed class InMemoryPermissionRuleStore : IPermissionRuleStore
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<PermissionRule>> _rules = new(StringComparer.Ordinal);

    public InMemoryPermissionRuleStore Add(PermissionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _rules.AddOrUpdate(rule.Form, [rule], (_, existing) => [.. existing, rule]);
        return this;
    }

    public Task<IReadOnlyList<PermissionRule>> GetRulesAsync(string formKey, CancellationToken cancellationToken) =>
        Task.FromResult(_rules.TryGetValue(formKey, out var rules) ? rules : (IReadOnlyList<PermissionRule>)[]);

    public Task SaveRulesAsync(string formKey, IReadOnlyList<PermissionRule> rules, CancellationToken cancellationToken)
    {
        _rules[formKey] = [.. rules];
        return Task.CompletedTask;
    }
}
