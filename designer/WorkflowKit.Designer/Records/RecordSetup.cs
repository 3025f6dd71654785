using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Records;

/// <summary>
/// Keeps the record store in step with the definitions store: every published form is registered
/// with the record store (which builds its indexes), and a package's data permission rules are
/// stored for each form that has no rules yet.
/// </summary>
public sealed class RecordSetup(
    IDefinitionStore definitions, IRecordFormRegistry forms, IPermissionRuleStore rules, IDatabase database,
    ILogger<RecordSetup> logger)
{
    private readonly PackageRuleSeeder _seeder = new(definitions, rules);

    /// <summary>Registers the latest published version of every form.</summary>
    public async Task RegisterPublishedFormsAsync(CancellationToken cancellationToken)
    {
        foreach (var summary in await definitions.ListAsync(cancellationToken))
        {
            if (summary.Kind == DefinitionKinds.Form && summary.LatestVersion is not null)
            {
                await RegisterAsync(summary.Key, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The form as the record store knows it, registering its latest published version first when
    /// the store does not know it yet; null when the form was never published.
    /// </summary>
    public async Task<FormDefinition?> EnsureFormAsync(string formKey, CancellationToken cancellationToken) =>
        await forms.FindFormAsync(formKey, cancellationToken) ?? await RegisterAsync(formKey, cancellationToken);

    /// <summary>Registers the latest published version of one form; null when it was never published.</summary>
    public async Task<FormDefinition?> RegisterAsync(string formKey, CancellationToken cancellationToken)
    {
        var published = await definitions.GetVersionAsync(DefinitionKinds.Form, formKey, null, cancellationToken);
        if (published is null)
        {
            return null;
        }

        var form = DefinitionJson.Deserialize<FormDefinition>(published.Json);
        await forms.RegisterFormAsync(form, cancellationToken);
        return form;
    }

    /// <summary>
    /// Imports a template package into the definitions store together with its permission rules of forms that have
    /// none yet (<see cref="PackageRuleSeeder"/>, in one transaction), then registers its newly published forms with
    /// the record store. The start-up loader and the admin page both import through here.
    /// </summary>
    /// <exception cref="DefinitionValidationException">The package has validation errors; nothing was imported.</exception>
    /// <exception cref="PackageConflictException">
    /// A definition has a newer version that the package did not publish; nothing was imported.
    /// </exception>
    public Task<PackageImportResult> ImportPackageAsync(
        string folder, string importedBy, CancellationToken cancellationToken) =>
        ImportPackageAsync(folder, importedBy, null, cancellationToken);

    /// <summary>
    /// Imports a template package as <see cref="ImportPackageAsync(string, string, CancellationToken)"/> does, with
    /// <paramref name="options"/> (null for <see cref="PackageImportOptions.Default"/>) deciding about definitions
    /// whose newer versions the package did not publish.
    /// </summary>
    /// <exception cref="PackageConflictException">
    /// Such a definition is neither kept nor replaced by <paramref name="options"/>; nothing was imported.
    /// </exception>
    public async Task<PackageImportResult> ImportPackageAsync(
        string folder, string importedBy, PackageImportOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var imported = await _seeder.ImportAsync(
            folder, importedBy, options ?? PackageImportOptions.Default, cancellationToken);
        foreach (var published in imported.Definitions.Published.Where(version => version.Kind == DefinitionKinds.Form))
        {
            await RegisterAsync(published.Key, cancellationToken);
        }

        LogSeeded(imported.Rules, imported.Definitions.PackageKey);
        return imported.Definitions;
    }

    /// <summary>
    /// Stores the package's permission rules of each form that has none, in their own transaction, so that rules an
    /// administrator changed later are never overwritten by a restart.
    /// </summary>
    public async Task SeedPermissionRulesAsync(PackageManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        IReadOnlyList<SeededRules> seeded;
        await using (var transaction = await database.BeginTransactionAsync(cancellationToken))
        {
            seeded = await _seeder.SeedAsync(manifest, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        LogSeeded(seeded, manifest.Key);
    }

    private void LogSeeded(IReadOnlyList<SeededRules> seeded, string packageKey)
    {
        foreach (var form in seeded)
        {
            RecordLog.RulesSeeded(logger, form.Count, form.FormKey, packageKey);
        }
    }
}
