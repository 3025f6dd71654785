using WorkflowKit.Definitions.Packages;
using WorkflowKit.Storage;

namespace WorkflowKit.Organization;

/// <summary>
/// Adds the roles that a template package's manifest declares to the organisation directory, through the
/// transaction of the package import, so that the package's assignee and permission rules name roles that exist.
/// A role key the directory already has keeps its name, so that an import never overwrites a name an administrator
/// changed; <c>workflowkit org import FILE --package PACKAGE</c> replaces the names.
/// </summary>
public static class PackageRoles
{
    /// <summary>
    /// Adds each role of <paramref name="manifest"/> that <paramref name="store"/> lacks. Returns the keys added and
    /// the keys that the store already had, each in manifest order.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Added, IReadOnlyList<string> Existing)> AddAsync(
        IOrganizationStore store, PackageManifest manifest, IStorageTransaction transaction,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(transaction);
        var added = new List<string>();
        var existing = new List<string>();
        foreach (var role in manifest.Roles ?? [])
        {
            var created = await store.AddRoleAsync(role, transaction, cancellationToken).ConfigureAwait(false);
            (created ? added : existing).Add(role.Key);
        }

        return (added, existing);
    }
}
