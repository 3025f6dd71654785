using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Expressions;
using WorkflowKit.Organization;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Definitions;
using WorkflowKit.Runtime.Expressions;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Storage;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Runtime.Timers;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Organization;
using WorkflowKit.Storage.PostgreSql.Records;
using WorkflowKit.Storage.PostgreSql.Runtime;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Organization;
using WorkflowKit.Storage.Sqlite.Records;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// The stored workday calendar on each provider, and the engine reading it: a holiday added
/// through the store moves the due time of the next task with a deadline in workdays.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class WorkdayCalendarStoreTests(StorageProvider provider)
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "review", "name": "Review",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "approve", "type": "approval", "assignees": [{ "type": "user", "value": "bob" }],
              "deadline": { "duration": "P2D", "unit": "workday" } },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "approve" }, { "id": "e2", "from": "approve", "to": "end" }
          ]
        }
        """;

    private static readonly DateOnly Tuesday = new(2025, 3, 4);
    private static readonly DateOnly Saturday = new(2025, 3, 8);

    private TestDatabase? _database;
    private FakeTimeProvider _time = null!;
    private IWorkdayCalendarStore _store = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);

        // Monday 2025-03-03 09:00 in Asia/Shanghai.
        _time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 3, 1, 0, 0, TimeSpan.Zero));
        _store = _database.Database switch
        {
            SqliteDatabase sqlite => new SqliteWorkdayCalendarStore(sqlite, _time),
            PostgresDatabase postgres => new PostgresWorkdayCalendarStore(postgres, _time),
            _ => throw new InvalidOperationException($"No calendar store for {_database.Database.GetType().Name}."),
        };
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task Saved_days_list_by_date()
    {
        await _store.SaveDayAsync(new CalendarDay(Saturday, CalendarDayKind.Workday, "调休"), "admin", default);
        await _store.SaveDayAsync(new CalendarDay(Tuesday, CalendarDayKind.Holiday, "测试假日"), "admin", default);
        await _store.SaveDayAsync(new CalendarDay(new DateOnly(2026, 1, 1), CalendarDayKind.Holiday, null), "admin",
            default);

        var march = await _store.ListDaysAsync(new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 31), default);
        var all = await _store.ListAllDaysAsync(default);

        Assert.That(march, Is.EqualTo(new[]
        {
            new CalendarDay(Tuesday, CalendarDayKind.Holiday, "测试假日"),
            new CalendarDay(Saturday, CalendarDayKind.Workday, "调休"),
        }));
        Assert.That(all, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Save_replaces_and_remove_deletes()
    {
        await _store.SaveDayAsync(new CalendarDay(Tuesday, CalendarDayKind.Holiday, "A"), "admin", default);

        await _store.SaveDayAsync(new CalendarDay(Tuesday, CalendarDayKind.Workday, "B"), "admin", default);
        var replaced = await _store.ListAllDaysAsync(default);
        await _store.RemoveDayAsync(Tuesday, default);
        await _store.RemoveDayAsync(Saturday, default);
        var removed = await _store.ListAllDaysAsync(default);

        Assert.That(replaced, Is.EqualTo(new[] { new CalendarDay(Tuesday, CalendarDayKind.Workday, "B") }));
        Assert.That(removed, Is.Empty);
    }

    [Test]
    public async Task Holiday_moves_next_deadline()
    {
        var source = new StoredWorkdayCalendarSource(_store, _time);
        var engine = Engine(source);

        var before = await DueAtAsync(engine);
        await _store.SaveDayAsync(new CalendarDay(Tuesday, CalendarDayKind.Holiday, "测试假日"), "admin", default);
        source.Invalidate();
        var after = await DueAtAsync(engine);

        // Two workdays of working time (09:00 to 18:00) from Monday 09:00 end on Tuesday at 18:00, or on Wednesday at
        // 18:00 with Tuesday off.
        Assert.That(before, Is.EqualTo(new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero)));
        Assert.That(after, Is.EqualTo(new DateTimeOffset(2025, 3, 5, 10, 0, 0, TimeSpan.Zero)));
    }

    [Test]
    public async Task Cached_calendar_reloads_after_max_age()
    {
        var source = new StoredWorkdayCalendarSource(_store, _time, TimeSpan.FromMinutes(1));
        var first = await source.GetCalendarAsync(default);

        await _store.SaveDayAsync(new CalendarDay(Tuesday, CalendarDayKind.Holiday, null), "admin", default);
        var cached = await source.GetCalendarAsync(default);
        _time.Advance(TimeSpan.FromMinutes(1));
        var reloaded = await source.GetCalendarAsync(default);

        Assert.That(first.IsWorkday(Tuesday), Is.True);
        Assert.That(cached.IsWorkday(Tuesday), Is.True, "within max age the cached calendar is used");
        Assert.That(reloaded.IsWorkday(Tuesday), Is.False);
    }

    private async Task<DateTimeOffset?> DueAtAsync(WorkflowEngine engine)
    {
        var started = await engine.StartAsync(new StartInstanceRequest("review", "alice") { Form = [] }, default);
        var task = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default)).Single();
        return task.DueAt;
    }

    private WorkflowEngine Engine(IWorkdayCalendarSource calendar)
    {
        var database = _database!.Database;
        var (runtime, records) = database switch
        {
            SqliteDatabase sqlite => ((IRuntimeStore)new SqliteRuntimeStore(sqlite),
                (IRecordStore)new SqliteRecordStore(sqlite, _time)),
            PostgresDatabase postgres => (new PostgresRuntimeStore(postgres), new PostgresRecordStore(postgres, _time)),
            _ => throw new InvalidOperationException($"No runtime store for {database.GetType().Name}."),
        };
        var flows = new InMemoryFlowDefinitionSource();
        flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(Flow));
        var organization = new InMemoryOrganizationDirectory()
            .Add(new OrgUser("alice", "Alice", null, [], new Dictionary<string, string>()))
            .Add(new OrgUser("bob", "Bob", null, [], new Dictionary<string, string>()));
        return new WorkflowEngine(
            database, runtime, flows, new ScriptHostFlowExpressions(new ScriptHost(timeProvider: _time)), organization,
            records, _time, new EngineOptions { CalendarSource = calendar });
    }
}
