using System.Collections.Concurrent;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Storage;

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
        PermissionRuleChecks.Validate(formKey, rules);
        _rules[formKey] = [.. rules];
        return Task.CompletedTask;
    }

    // NOTE: the memory store takes no part in the transaction, so these writes stay after a rollback.
    public Task<IReadOnlyList<PermissionRule>> GetRulesAsync(
        string formKey, IStorageTransaction transaction, CancellationToken cancellationToken) =>
        GetRulesAsync(formKey, cancellationToken);

    public Task SaveRulesAsync(
        string formKey, IReadOnlyList<PermissionRule> rules, IStorageTransaction transaction,
        CancellationToken cancellationToken) =>
        SaveRulesAsync(formKey, rules, cancellationToken);
}
