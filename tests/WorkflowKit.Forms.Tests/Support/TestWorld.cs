using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Expressions;
using WorkflowKit.Import;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Forms.Tests.Support;

/// <summary>
/// A migrated database with a record store, an organisation, permission rules and the services over them.
/// </summary>
public sealed class TestWorld : IAsyncDisposable
{
    private TestWorld(TestDatabase db) => Db = db;

    public TestDatabase Db { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 3, 5, 2, 0, 0, TimeSpan.Zero));

    public SqliteRecordStore Store { get; private set; } = null!;

    public InMemoryOrganizationDirectory Directory { get; } = new();

    public InMemoryPermissionRuleStore Rules { get; } = new();

    public InMemoryParticipationSource Participation { get; } = new();

    public RecordReader Reader { get; private set; } = null!;

    public FormSubmissionService Submissions { get; private set; } = null!;

    public RecordImporter Importer { get; private set; } = null!;

    public RecordExporter Exporter { get; private set; } = null!;

    public static async Task<TestWorld> CreateAsync(params FormDefinition[] forms)
    {
        var world = new TestWorld(await TestDatabase.CreateAsync());
        world.Store = new SqliteRecordStore(world.Db.Database, world.Time);
        foreach (var form in forms)
        {
            await world.Store.RegisterFormAsync(form, CancellationToken.None);
        }

        var access = new RecordAccess(world.Rules, world.Directory, world.Participation);
        world.Reader = new RecordReader(world.Store, world.Store, world.Store, access);
        var validators = new FormValidatorFactory(new FormValidationServices
        {
            Directory = world.Directory, Records = world.Store, Reader = world.Reader,
            Conditions = new ConditionEvaluator(new ScriptHost(timeProvider: world.Time)),
            Time = world.Time,
        });
        var formulas = new ExpressionFormulaEvaluator(
            new FormulaEngine(world.Time), new ScriptHost(timeProvider: world.Time));
        world.Submissions = new FormSubmissionService(validators, world.Store, world.Db.Database, access, formulas);
        world.Importer = new RecordImporter(world.Submissions, world.Db.Database, access,
            NullLogger<RecordImporter>.Instance);
        world.Exporter = new RecordExporter(world.Reader);
        return world;
    }

    /// <summary>Adds a user holding one role that may do everything on the given forms.</summary>
    public TestWorld AddAdmin(string userId, params string[] formKeys)
    {
        Directory.Add(new OrgUser(userId, userId, null, ["admin-" + userId], new Dictionary<string, string>()));
        foreach (var form in formKeys)
        {
            Rules.Add(new PermissionRule
            {
                Role = "admin-" + userId, Form = form, Actions = [.. PermissionActions.All],
            });
        }

        return this;
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
