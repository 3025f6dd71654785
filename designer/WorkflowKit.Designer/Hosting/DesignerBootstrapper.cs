using System.Text.Json;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// First-run work: applies migrations, creates the demo accounts when there are no users and
/// imports the built-in template packages that are not in the store yet.
/// </summary>
public sealed class DesignerBootstrapper(
    SqliteDatabase database,
    AccountStore accounts,
    IDefinitionStore store,
    IHostEnvironment environment,
    Microsoft.Extensions.Options.IOptions<DesignerOptions> options,
    ILogger<DesignerBootstrapper> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await SqliteMigrator.MigrateAsync(database, cancellationToken);
        DesignerLog.DatabaseReady(logger, database.Path);

        if (options.Value.DemoAccounts && await accounts.CountAsync(cancellationToken) == 0)
        {
            foreach (var department in DemoAccounts.Departments)
            {
                await accounts.SaveDepartmentAsync(department, cancellationToken);
            }

            foreach (var user in DemoAccounts.Users)
            {
                await accounts.CreateAsync(user, cancellationToken);
            }

            DesignerLog.DemoAccountsCreated(logger, DemoAccounts.Users.Count);
        }

        await LoadTemplatesAsync(cancellationToken);
    }

    private async Task LoadTemplatesAsync(CancellationToken cancellationToken)
    {
        var root = options.Value.TemplatesPath is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "..", "definitions", "templates"));
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var manifestPath in Directory.EnumerateFiles(root, "package.json", SearchOption.AllDirectories))
        {
            var folder = Path.GetDirectoryName(manifestPath)!;
            try
            {
                var manifest = DefinitionJson.Deserialize<PackageManifest>(
                    await File.ReadAllTextAsync(manifestPath, cancellationToken));
                if (await store.GetPackageAsync(manifest.Key, cancellationToken) is not null)
                {
                    continue;
                }

                await store.ImportPackageAsync(folder, "system", cancellationToken);
                DesignerLog.TemplateLoaded(logger, "package", manifest.Key);
            }
            catch (Exception error) when (error is JsonException or DefinitionValidationException or IOException)
            {
                DesignerLog.TemplateSkipped(logger, manifestPath, error.Message);
            }
        }
    }
}
