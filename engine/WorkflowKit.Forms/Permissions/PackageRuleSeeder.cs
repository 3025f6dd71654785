using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Storage;

namespace WorkflowKit.Permissions;

/// <summary>
/// Imports a template package together with the data permission rules its manifest declares, in one transaction,
/// so that the forms never exist without the rules that let users read and export their records. A form that
/// already has rules keeps them, so that rules an administrator changed are never overwritten by a later import.
/// The CLI's <c>import</c> command and the designer's package import both go through here.
/// </summary>
public sealed class PackageRuleSeeder
{
    private readonly IDefinitionStore _definitions;
    private readonly IPermissionRuleStore _rules;

    public PackageRuleSeeder(IDefinitionStore definitions, IPermissionRuleStore rules)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(rules);
        _definitions = definitions;
        _rules = rules;
    }

    /// <summary>Imports the package folder and stores its rules of forms that have none, in one transaction.</summary>
    /// <exception cref="DefinitionValidationException">
    /// The package has validation errors; nothing was imported.
    /// </exception>
    /// <exception cref="ArgumentException">A rule is invalid; nothing was imported.</exception>
    public Task<PackageImportWithRules> ImportAsync(
        string folder, string importedBy, CancellationToken cancellationToken) =>
        ImportAsync(folder, importedBy, PackageImportOptions.Default, cancellationToken);

    /// <summary>
    /// Imports the package folder as <see cref="ImportAsync(string, string, CancellationToken)"/> does, with
    /// <paramref name="options"/> deciding about definitions whose newer versions the package did not publish.
    /// </summary>
    /// <exception cref="PackageConflictException">Such a definition is neither kept nor replaced; nothing was imported.</exception>
    public async Task<PackageImportWithRules> ImportAsync(
        string folder, string importedBy, PackageImportOptions options, CancellationToken cancellationToken)
    {
        IReadOnlyList<SeededRules> seeded = [];
        var result = await _definitions.ImportPackageAsync(
            folder, importedBy, options,
            async (transaction, manifest, token) =>
                seeded = await SeedAsync(manifest, transaction, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        return new PackageImportWithRules(result, seeded);
    }

    /// <summary>
    /// Stores the manifest's rules of each form that has no rules yet, through <paramref name="transaction"/>, and
    /// returns the forms and rule counts stored.
    /// </summary>
    public async Task<IReadOnlyList<SeededRules>> SeedAsync(
        PackageManifest manifest, IStorageTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(transaction);
        var seeded = new List<SeededRules>();
        foreach (var group in (manifest.Permissions ?? []).GroupBy(rule => rule.Form, StringComparer.Ordinal))
        {
            var existing = await _rules.GetRulesAsync(group.Key, transaction, cancellationToken).ConfigureAwait(false);
            if (existing.Count > 0)
            {
                continue;
            }

            await _rules.SaveRulesAsync(group.Key, [.. group], transaction, cancellationToken).ConfigureAwait(false);
            seeded.Add(new SeededRules(group.Key, group.Count()));
        }

        return seeded;
    }
}
