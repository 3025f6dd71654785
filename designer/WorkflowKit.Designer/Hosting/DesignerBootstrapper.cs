using System.Text.Json;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Definitions.Store;
using WorkflowKit.Designer.Records;
using WorkflowKit.Runtime.Timers;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// First-run work: opens the database (which applies the migrations), creates the demo accounts
/// when there are no users, imports the built-in template packages that are not in the store yet
/// and prepares the record store for their forms. A database without accounts also gets the
/// biopharma sample data (<see cref="SampleDataSeeder"/>) unless <see cref="DesignerOptions.SampleData"/> is off.
/// Every start loads the years of the China mainland public holidays that the workday calendar has not loaded yet,
/// unless <see cref="DesignerOptions.PublicHolidays"/> is off.
/// </summary>
public sealed class DesignerBootstrapper(
    WorkflowKitStores stores,
    AccountStore accounts,
    RecordSetup records,
    IDefinitionStore store,
    SampleDataSeeder samples,
    IHostEnvironment environment,
    Microsoft.Extensions.Options.IOptions<DesignerOptions> options,
    ILogger<DesignerBootstrapper> logger)
{
    /// <summary>Name of the <see cref="StartupLock"/> that the first-start work holds.</summary>
    public const string FirstStartLockName = "workflowkit:designer-first-start";

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        DesignerLog.DatabaseReady(logger, stores.Options.ToString());

        // Without the lock, nodes started together on a new PostgreSQL database both find no accounts and both create
        // them. With it, the second waits here and then finds the first node's work done.
        await using var startup = await StartupLock.AcquireAsync(stores.Database, FirstStartLockName, cancellationToken);

        // NOTE: a first run that stops part-way leaves accounts behind, and the next start does not load the
        // sample again. Delete the database file to start over.
        var fresh = await accounts.CountAsync(cancellationToken) == 0;
        if (options.Value.DemoAccounts && fresh)
        {
            foreach (var department in DemoAccounts.Departments)
            {
                await accounts.SaveDepartmentAsync(department, cancellationToken);
            }

            var hash = AccountStore.HashPassword(DemoAccounts.Password);
            foreach (var user in DemoAccounts.Users)
            {
                await accounts.CreateAsync(user, hash, cancellationToken);
            }

            DesignerLog.DemoAccountsCreated(logger, DemoAccounts.Users.Count);
        }

        if (options.Value.PublicHolidays)
        {
            var schedule = PublicHolidaySchedule.ChinaMainland;
            var loaded = await PublicHolidayLoader.LoadNewVersionsAsync(
                stores.Calendar, schedule, PublicHolidaySchedule.ChinaMainlandFile, "system", cancellationToken);
            if (loaded.Count > 0)
            {
                DesignerLog.PublicHolidaysLoaded(
                    logger, loaded.Sum(year => year.Added), schedule.Region,
                    string.Join(", ", loaded.Select(year => year.Year)));
            }
        }

        await LoadTemplatesAsync(cancellationToken);
        await records.RegisterPublishedFormsAsync(cancellationToken);
        if (!options.Value.SampleData)
        {
            return;
        }

        if (fresh)
        {
            await samples.LoadAsync(cancellationToken);
        }
        else
        {
            SampleDataLog.Skipped(logger);
        }
    }

    private async Task LoadTemplatesAsync(CancellationToken cancellationToken)
    {
        var root = options.Value.ResolveTemplatesPath(environment.ContentRootPath);
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var manifestPath in Directory.EnumerateFiles(root, "package.json", SearchOption.AllDirectories))
        {
            var folder = Path.GetDirectoryName(manifestPath)!;
            var json = string.Empty;
            try
            {
                json = await File.ReadAllTextAsync(manifestPath, cancellationToken);
                var manifest = DefinitionJson.Deserialize<PackageManifest>(json);
                if (await store.GetPackageAsync(manifest.Key, cancellationToken) is null)
                {
                    await records.ImportPackageAsync(folder, "system", cancellationToken);
                    DesignerLog.TemplateLoaded(logger, "package", manifest.Key);
                }

                await records.SeedPermissionRulesAsync(manifest, cancellationToken);
            }
            catch (JsonException error)
            {
                // Only the manifest is deserialized here: the package import checks its members and reports them
                // through DefinitionValidationException.
                var description = JsonErrorDescriber.Describe(error, Path.GetFileName(manifestPath), json);
                DesignerLog.TemplateSkipped(logger, manifestPath, description.Message);
            }
            catch (Exception error) when (error is DefinitionValidationException or PackageConflictException
                                              or IOException)
            {
                DesignerLog.TemplateSkipped(logger, manifestPath, error.Message);
            }
        }
    }
}
