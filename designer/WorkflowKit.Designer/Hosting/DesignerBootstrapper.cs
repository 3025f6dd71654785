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
/// The accounts and the sample are written in many transactions, so <see cref="FirstStartRecord"/> marks the load in
/// progress. A start that finds a first start stopped part-way, or a database that cannot be reached, stops with one
/// <see cref="FirstStartException"/> that states what to do.
/// </summary>
public sealed class DesignerBootstrapper(
    WorkflowKitStores stores,
    AccountStore accounts,
    RecordSetup records,
    IDefinitionStore store,
    SampleDataSeeder samples,
    FirstStartRecord firstStart,
    IHostEnvironment environment,
    Microsoft.Extensions.Options.IOptions<DesignerOptions> options,
    ILogger<DesignerBootstrapper> logger)
{
    /// <summary>Name of the <see cref="StartupLock"/> that the first-start work holds.</summary>
    public const string FirstStartLockName = "workflowkit:designer-first-start";

    /// <exception cref="FirstStartException">
    /// The database cannot be reached, or an earlier first start stopped while it loaded the accounts and sample data.
    /// </exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        DesignerLog.DatabaseReady(logger, stores.Options.ToString());
        var loading = false;
        try
        {
            // Without the lock, nodes started together on a new PostgreSQL database both find no accounts and both
            // create them. With it, the second waits here and then finds the first node's work done.
            await using var startup = await StartupLock.AcquireAsync(
                stores.Database, FirstStartLockName,
                () => DesignerLog.WaitingForOtherFirstStart(logger, stores.Options.ToString()), cancellationToken);
            loading = await BeginFirstStartAsync(cancellationToken);
            await LoadAsync(loading, cancellationToken);
            if (loading)
            {
                await firstStart.WriteAsync(FirstStartRecord.Done, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A stop during the wait for another node's first start cancels the lock's command. Npgsql may report
            // that cancellation with a broken-connection exception inside, which is no sign of an unreachable database.
            throw;
        }
        catch (Exception error) when (DatabaseOutage.IsOutage(error))
        {
            throw new FirstStartException(loading ? InterruptedMessage() : UnreachableMessage(), error);
        }
    }

    /// <summary>
    /// Returns whether this start loads the demo accounts or the sample data into a database without accounts, after
    /// marking the load in progress.
    /// </summary>
    private async Task<bool> BeginFirstStartAsync(CancellationToken cancellationToken)
    {
        var accountCount = await accounts.CountAsync(cancellationToken);
        var state = await firstStart.ReadAsync(cancellationToken);
        var loads = options.Value.DemoAccounts || options.Value.SampleData;
        if (state == FirstStartRecord.Loading && accountCount > 0)
        {
            if (loads)
            {
                throw new FirstStartException(IncompleteMessage());
            }

            DesignerLog.FirstStartIncompleteKept(logger, stores.Options.ToString());
            return false;
        }

        // A first start that stopped before its first account wrote nothing that a second load would repeat: the
        // holidays and templates are loaded only where missing.
        if (accountCount > 0 || !loads)
        {
            return false;
        }

        await firstStart.WriteAsync(FirstStartRecord.Loading, cancellationToken);
        return true;
    }

    private async Task LoadAsync(bool fresh, CancellationToken cancellationToken)
    {
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

    private string UnreachableMessage() =>
        $"The database ({stores.Options}) cannot be reached, so the designer did not start and changed nothing. " +
        "Check that the database server runs and accepts connections from this machine, then start the designer " +
        "again.";

    private string InterruptedMessage() =>
        $"The database ({stores.Options}) became unreachable while the first start loaded the demo accounts and " +
        "the sample data, so the designer did not start and the database holds part of them. Once the database is " +
        "reachable, empty it (drop and create the PostgreSQL database, or delete the SQLite file) and start again. " +
        "To keep what was loaded instead, set WorkflowKit:DemoAccounts and WorkflowKit:SampleData to false.";

    private string IncompleteMessage() =>
        $"An earlier first start on the database ({stores.Options}) stopped while it loaded the demo accounts and " +
        "the sample data, so the database holds part of them and the designer did not start. Empty the database " +
        "(drop and create the PostgreSQL database, or delete the SQLite file) and start again. To keep what was " +
        "loaded instead, set WorkflowKit:DemoAccounts and WorkflowKit:SampleData to false.";

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
