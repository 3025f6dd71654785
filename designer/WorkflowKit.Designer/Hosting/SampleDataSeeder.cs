using System.Diagnostics;
using System.Text.Json.Nodes;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Expressions;
using WorkflowKit.Forms;
using WorkflowKit.Organization;
using WorkflowKit.Runtime;
using WorkflowKit.Samples;
using WorkflowKit.Samples.Scenarios;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Hosting;

/// <summary>
/// Fills a fresh database with the biopharma sample: an account for each sample user (password
/// <see cref="DemoAccounts.Password"/>), the templates and master data through <see cref="SampleLoader"/>, and a
/// few credit reviews and orders left at their first task (<see cref="StarterScenario"/>).
/// </summary>
public sealed class SampleDataSeeder(
    WorkflowKitStores stores,
    WorkflowEngine engine,
    AccountStore accounts,
    IOrganizationDirectory directory,
    ScriptHost scripts,
    TimeProvider time,
    IHostEnvironment environment,
    Microsoft.Extensions.Options.IOptions<DesignerOptions> options,
    ILogger<SampleDataSeeder> logger)
{
    /// <summary>Loads the sample; returns null when the sample folder does not exist.</summary>
    /// <exception cref="SampleLoadException">A sample file is missing or a row is rejected.</exception>
    public async Task<StarterSummary?> LoadAsync(CancellationToken cancellationToken)
    {
        var data = options.Value.ResolveSamplesPath(environment.ContentRootPath);
        var templates = options.Value.ResolveTemplatesPath(environment.ContentRootPath);
        if (!File.Exists(Path.Combine(data, SampleFiles.Index)))
        {
            SampleDataLog.Missing(logger, data);
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        var accountsCreated = await CreateAccountsAsync(Path.Combine(data, SampleFiles.Users), cancellationToken);
        var submissions = new FormSubmissionService(
            new FormValidatorFactory(new FormValidationServices
            {
                Directory = directory,
                Records = engine.Records,
                Conditions = new ConditionEvaluator(scripts),
                Files = stores.Files,
            }),
            engine.Records, stores.Database, null,
            new ExpressionFormulaEvaluator(new FormulaEngine(), scripts));
        await using var sample = SampleEnvironment.ForHost(stores, engine, submissions);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(engine.Options.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var summary = await StarterScenario.RunAsync(
            sample, new SampleLoadOptions(templates, data), today, cancellationToken);
        SampleDataLog.Loaded(
            logger, accountsCreated, summary.Records, summary.ReviewsRequested, summary.OrdersSubmitted,
            Stopwatch.GetElapsedTime(started));
        return summary;
    }

    /// <summary>Creates an account for each sample user and department whose id is not taken yet.</summary>
    private async Task<int> CreateAccountsAsync(string usersPath, CancellationToken cancellationToken)
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(usersPath, cancellationToken)) as JsonObject
            ?? throw new SampleLoadException($"\"{usersPath}\" is not a JSON object with departments and users.");
        var departments = (await accounts.ListDepartmentsAsync(cancellationToken))
            .Select(department => department.Id)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var department in (json["departments"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var id = Text(department, "id");
            if (id is not null && departments.Add(id))
            {
                await accounts.SaveDepartmentAsync(
                    new Department(id, Text(department, "name") ?? id, Text(department, "parentId"),
                        Text(department, "managerId")),
                    cancellationToken);
            }
        }

        var existing = (await accounts.ListAsync(cancellationToken))
            .Select(user => user.Id)
            .ToHashSet(StringComparer.Ordinal);
        var created = 0;
        var hash = AccountStore.HashPassword(DemoAccounts.Password);
        foreach (var user in (json["users"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var id = Text(user, "id");
            if (id is null || !existing.Add(id))
            {
                continue;
            }

            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Text(user, "region") is { } region)
            {
                attributes["region"] = region;
            }

            var roles = (user["roles"] as JsonArray ?? []).Select(role => role!.GetValue<string>()).ToList();
            await accounts.CreateAsync(
                new NewUser(id, Text(user, "displayName") ?? id, DemoAccounts.Password, Text(user, "department"), roles,
                    attributes),
                hash,
                cancellationToken);
            created++;
        }

        return created;
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
