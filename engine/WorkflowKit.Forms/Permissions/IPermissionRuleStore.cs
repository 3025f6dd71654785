using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Permissions;

/// <summary>The data permission rules of each form.</summary>
public interface IPermissionRuleStore
{
    Task<IReadOnlyList<PermissionRule>> GetRulesAsync(string formKey, CancellationToken cancellationToken);

    /// <summary>Replaces all rules of a form.</summary>
    Task SaveRulesAsync(string formKey, IReadOnlyList<PermissionRule> rules, CancellationToken cancellationToken);
}
