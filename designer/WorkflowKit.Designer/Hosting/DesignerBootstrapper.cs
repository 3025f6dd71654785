using System.Text.Json;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Storage.Sqlite;

namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// First-run work: applies migrations, creates the demo accounts when there are no users and
/// loads the built-in template packages that are not in the store yet.
/// </summary>
public sealed class DesignerBootstrapper(
    SqliteDatabase database,
    AccountStore accounts,
    IDefinitionService definitions,
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
            try
            {
                var manifest = DefinitionJson.Deserialize<PackageManifest>(await File.ReadAllTextAsync(manifestPath, cancellationToken));
                var folder = Path.GetDirectoryName(manifestPath)!;
                foreach (var file in manifest.Forms)
                {
                    await LoadAsync(DefinitionKind.Form, Path.Combine(folder, file), cancellationToken);
                }

                foreach (var file in manifest.Flows)
                {
                    await LoadAsync(DefinitionKind.Flow, Path.Combine(folder, file), cancellationToken);
                }
            }
            catch (JsonException error)
            {
                DesignerLog.TemplateSkipped(logger, manifestPath, error.Message);
            }
        }
    }

    private async Task LoadAsync(DefinitionKind kind, string path, CancellationToken cancellationToken)
    {
        var json = await File.ReadAllTextAsync(path, cancellationToken);
        var key = kind == DefinitionKind.Form
            ? DefinitionJson.Deserialize<FormDefinition>(json).Key
            : DefinitionJson.Deserialize<FlowDefinition>(json).Key;
        if (await definitions.GetDraftAsync(kind, key, cancellationToken) is not null)
        {
            return;
        }

        await definitions.SaveDraftAsync(kind, key, json, null, "system", cancellationToken);
        var result = await definitions.PublishAsync(kind, key, "system", "built-in template", cancellationToken);
        if (result.Published)
        {
            DesignerLog.TemplateLoaded(logger, kind.ToString(), key);
        }
        else
        {
            DesignerLog.TemplateSkipped(logger, path, string.Join("; ", result.Diagnostics.Select(d => d.Message)));
        }
    }
}
