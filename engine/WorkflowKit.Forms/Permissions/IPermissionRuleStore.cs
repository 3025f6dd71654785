using WorkflowKit.Definitions.Packages;
using WorkflowKit.Storage;

namespace WorkflowKit.Permissions;

/// <summary>The data permission rules of each form.</summary>
public interface IPermissionRuleStore
{
    Task<IReadOnlyList<PermissionRule>> GetRulesAsync(string formKey, CancellationToken cancellationToken);

    /// <summary>Replaces all rules of a form.</summary>
    Task SaveRulesAsync(string formKey, IReadOnlyList<PermissionRule> rules, CancellationToken cancellationToken);

    /// <summary>Reads the rules of a form through an open transaction, seeing its uncommitted writes.</summary>
    Task<IReadOnlyList<PermissionRule>> GetRulesAsync(
        string formKey, IStorageTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Replaces all rules of a form through an open transaction; they are stored when the caller commits.</summary>
    Task SaveRulesAsync(
        string formKey, IReadOnlyList<PermissionRule> rules, IStorageTransaction transaction,
        CancellationToken cancellationToken);
}
