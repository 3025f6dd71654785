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

    [Test]
    public async Task Holiday_file_version_loads_once()
    {
        var schedule = Schedule(2025);

        var first = await PublicHolidayLoader.LoadNewVersionsAsync(_store, schedule, "holidays.json", "system", default);
        await _store.RemoveDayAsync(new DateOnly(2025, 10, 2), default);
        var second = await PublicHolidayLoader.LoadNewVersionsAsync(_store, schedule, "holidays.json", "system", default);
        var days = await _store.ListAllDaysAsync(default);

        Assert.That(first, Is.EqualTo(new[] { (2025, 3) }));
        Assert.That(second, Is.Empty);
        Assert.That(days.Select(day => day.Date), Is.EqualTo(new[] { MakeUpWorkday2025, new DateOnly(2025, 10, 1) }),
            "the day the administrator deleted stays deleted");
    }

    [Test]
    public async Task New_year_in_file_loads_on_next_start()
    {
        await PublicHolidayLoader.LoadNewVersionsAsync(_store, Schedule(2025), "holidays.json", "system", default);
        await _store.RemoveDayAsync(new DateOnly(2025, 10, 2), default);
        await _store.SaveDayAsync(new CalendarDay(new DateOnly(2026, 10, 1), CalendarDayKind.Workday, "公司安排"),
            "admin", default);

        var loaded = await PublicHolidayLoader.LoadNewVersionsAsync(
            _store, Schedule(2025, 2026), "holidays.json", "system", default);
        var days = await _store.ListAllDaysAsync(default);

        Assert.That(loaded, Is.EqualTo(new[] { (2026, 1) }), "2026-10-01 was already stored, so one day is added");
        Assert.That(days.Select(day => day.Date), Does.Not.Contain(new DateOnly(2025, 10, 2)));
        Assert.That(days, Does.Contain(new CalendarDay(new DateOnly(2026, 10, 1), CalendarDayKind.Workday, "公司安排")),
            "a date the store already has keeps its stored day");
        Assert.That(days, Does.Contain(new CalendarDay(new DateOnly(2026, 10, 2), CalendarDayKind.Holiday, "国庆节")));
        Assert.That(await _store.ListLoadedHolidayVersionsAsync(default), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Install_loaded_before_versions_keeps_deletions()
    {
        var schedule = Schedule(2025);
        await PublicHolidayLoader.LoadAsync(_store, schedule.Years, "system", default);
        await _store.RemoveDayAsync(new DateOnly(2025, 10, 2), default);

        var loaded = await PublicHolidayLoader.LoadNewVersionsAsync(_store, schedule, "holidays.json", "system", default);
        var days = await _store.ListAllDaysAsync(default);

        Assert.That(loaded, Is.Empty);
        Assert.That(days, Has.Count.EqualTo(2));
        Assert.That(await _store.ListLoadedHolidayVersionsAsync(default), Is.EqualTo(new[]
        {
            PublicHolidayLoader.Version("holidays.json", schedule.Years[0]),
        }));
    }

    [Test]
    public async Task Holiday_version_recorded_twice_loads_once()
    {
        var days = Schedule(2025).Years[0].Days;

        var results = await Task.WhenAll(
            Task.Run(() => _store.LoadHolidaysAsync("holidays.json/2025/abc", days, "node-1", default)),
            Task.Run(() => _store.LoadHolidaysAsync("holidays.json/2025/abc", days, "node-2", default)));

        Assert.That(results.Count(result => result == 3), Is.EqualTo(1));
        Assert.That(results.Count(result => result is null), Is.EqualTo(1));
        Assert.That(await _store.ListAllDaysAsync(default), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Saved_working_hours_reach_calendar()
    {
        var source = new StoredWorkdayCalendarSource(_store, _time);
        var before = await _store.GetWorkingHoursAsync(default);

        await _store.SaveWorkingHoursAsync((new TimeOnly(8, 30), new TimeOnly(17, 30)), "admin", default);
        await _store.SaveWorkingHoursAsync((new TimeOnly(8, 0), new TimeOnly(17, 0)), "admin", default);
        source.Invalidate();
        var calendar = await source.GetCalendarAsync(default);

        Assert.That(before, Is.Null);
        Assert.That(await _store.GetWorkingHoursAsync(default), Is.EqualTo((new TimeOnly(8, 0), new TimeOnly(17, 0))));
        Assert.That(calendar.WorkStart, Is.EqualTo(new TimeOnly(8, 0)));
        Assert.That(calendar.WorkEnd, Is.EqualTo(new TimeOnly(17, 0)));
        Assert.ThrowsAsync<ArgumentException>(() =>
            _store.SaveWorkingHoursAsync((new TimeOnly(18, 0), new TimeOnly(9, 0)), "admin", default));
    }

    private static readonly DateOnly MakeUpWorkday2025 = new(2025, 9, 28);

    /// <summary>A holiday file with 国庆节 on October 1 and 2 of each year, and for 2025 a make-up workday.</summary>
    private static PublicHolidaySchedule Schedule(params int[] years)
    {
        var entries = years.Select(year => $$"""
            {
              "year": {{year}}, "source": "通知 {{year}}", "published": "{{year - 1}}-11-12",
              "url": "https://example.com/{{year}}",
              "holidays": [{ "name": "国庆节", "from": "{{year}}-10-01", "to": "{{year}}-10-02" }],
              "workdays": [{{(year == 2025 ? "{ \"name\": \"国庆节调休\", \"date\": \"2025-09-28\" }" : "")}}]
            }
            """);
        return PublicHolidaySchedule.Parse(
            $$"""{ "region": "Test", "years": [{{string.Join(",", entries)}}] }""", "holidays.json");
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
