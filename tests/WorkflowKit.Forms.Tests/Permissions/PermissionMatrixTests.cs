using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Packages;
using WorkflowKit.Forms.Tests.Support;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Storage.Sqlite.Organization;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Forms.Tests.Permissions;

/// <summary>
/// Every user × every record × every read path: a user gets exactly the records and fields an
/// independent oracle (written here in C#, not with the permission code) allows.
/// </summary>
public sealed class PermissionMatrixTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private TestDatabase _db = null!;
    private RecordReader _reader = null!;
    private SqliteRecordStore _store = null!;
    private List<Seeded> _records = null!;
    private InMemoryParticipationSource _participation = null!;

    private sealed record Seeded(long Id, string Name, string? Region, decimal Price, string[] Tags, string Note,
        string Creator);

    private sealed record Grant(Func<Seeded, bool> Admits, string[] Hidden, bool Export);

    private static readonly string[] Users =
        ["east", "west", "noregion", "manager", "auditor", "owner", "helper", "mixed", "stranger", "ghost"];

    private Dictionary<string, Grant[]> Oracle() => new(StringComparer.Ordinal)
    {
        ["east"] = [Sales("east")],
        ["west"] = [Sales("west")],
        ["noregion"] = [new(_ => false, ["price", "note"], true)],
        ["manager"] = [new(_ => true, [], true)],
        ["auditor"] = [new(_ => true, ["creditLimit", "price", "note"], false)],
        ["owner"] = [new(r => r.Creator == "owner", [], false)],
        ["helper"] = [new(r => r.Name is "Beta" or "Epsilon", ["price"], false)],
        ["mixed"] = [Sales("east"), new(r => r.Tags.Contains("vip"), [], false)],
        ["stranger"] = [],
        ["ghost"] = [],
    };

    private static Grant Sales(string region) => new(r => r.Region == region, ["price", "note"], true);

    [SetUp]
    public async Task SetUp()
    {
        _db = await TestDatabase.CreateAsync();
        _store = new SqliteRecordStore(_db.Database, new FakeTimeProvider(new DateTimeOffset(2024, 5, 1, 0, 0, 0,
            TimeSpan.Zero)));
        await _store.RegisterFormAsync(TestForms.Customer(), None);
        await _store.RegisterFormAsync(OrderForm(), None);

        var org = new SqliteOrganizationStore(_db.Database);
        await org.SaveUserAsync(User("east", ["sales"], ("region", "east")), None);
        await org.SaveUserAsync(User("west", ["sales"], ("region", "west")), None);
        await org.SaveUserAsync(User("noregion", ["sales"]), None);
        await org.SaveUserAsync(User("manager", ["manager"]), None);
        await org.SaveUserAsync(User("auditor", ["auditor"]), None);
        await org.SaveUserAsync(User("owner", ["rep"]), None);
        await org.SaveUserAsync(User("helper", ["helper"]), None);
        await org.SaveUserAsync(User("mixed", ["sales", "pricing"], ("region", "east")), None);
        await org.SaveUserAsync(User("stranger", []), None);

        var rules = new SqlitePermissionRuleStore(_db.Database);
        await rules.SaveRulesAsync("customer",
        [
            new PermissionRule
            {
                Role = "sales", Form = "customer", Actions = ["read", "export"], HiddenFields = ["price", "note"],
                Rows = Condition.AllOf(new Rule { Field = "region", Operator = RuleOperators.Equal,
                    ValueFrom = "user.region" }),
            },
            new PermissionRule { Role = "manager", Form = "customer", Actions = ["read", "export"] },
            new PermissionRule
            {
                Role = "auditor", Form = "customer", Actions = ["read"], HiddenFields = ["creditLimit", "price",
                    "note"],
            },
            new PermissionRule { Role = "rep", Form = "customer", Actions = ["read"], Own = true },
            new PermissionRule
            {
                Role = "helper", Form = "customer", Actions = ["read"], Participant = true, HiddenFields = ["price"],
            },
            new PermissionRule
            {
                Role = "pricing", Form = "customer", Actions = ["read"],
                Rows = Condition.AllOf(new Rule { Field = "tags", Operator = RuleOperators.Contains, Value = "vip" }),
            },
        ], None);

        _participation = new InMemoryParticipationSource();
        _reader = new RecordReader(_store, _store, _store, new RecordAccess(rules, org, _participation));

        _records = [];
        await SeedAsync("Alpha", "east", 10.10m, ["vip"], "owner");
        var beta = await SeedAsync("Beta", "east", 20.20m, [], "admin");
        await SeedAsync("Gamma", "west", 30.30m, ["vip"], "admin");
        await SeedAsync("Delta", "north", 40.40m, ["lab"], "owner");
        var epsilon = await SeedAsync("Epsilon", "west", 50.50m, [], "admin");
        await SeedAsync("Zeta", null, 60.60m, [], "admin");
        var eta = await SeedAsync("Eta", "east", 70.70m, ["vip"], "owner");
        await _store.SoftDeleteAsync("customer", eta.Id, new RecordWriteContext("admin"), None);
        _records.Remove(eta);
        _participation.Add("helper", "customer", beta.Id).Add("helper", "customer", epsilon.Id);
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    private static OrgUser User(string id, string[] roles, params (string Name, string Value)[] attributes) =>
        new(id, id, null, roles, attributes.ToDictionary(a => a.Name, a => a.Value));

    private static FormDefinition OrderForm()
    {
        var customer = TestForms.Field("customer", FieldTypes.Related, "客户", "Customer");
        customer.RelatedForm = "customer";
        return new FormDefinition { Key = "order", Fields = [customer] };
    }

    private async Task<Seeded> SeedAsync(string name, string? region, decimal price, string[] tags, string creator)
    {
        var note = "tok-" + name.ToLowerInvariant();
        var data = new JsonObject
        {
            ["name"] = name, ["price"] = price, ["creditLimit"] = 1000m, ["note"] = note,
            ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode?)t)]),
        };
        if (region is not null)
        {
            data["region"] = region;
        }

        var entry = await _store.CreateAsync("customer", data, new RecordWriteContext(creator), None);
        await _store.UpdateAsync("customer", entry.Id, new JsonObject { ["note"] = note + "-2" }, null,
            new RecordWriteContext(creator), None);
        var seeded = new Seeded(entry.Id, name, region, price, tags, note + "-2", creator);
        _records.Add(seeded);
        return seeded;
    }

    private Dictionary<long, HashSet<string>> Expected(string user, bool export = false)
    {
        var grants = Oracle()[user].Where(g => !export || g.Export).ToList();
        var result = new Dictionary<long, HashSet<string>>();
        foreach (var record in _records)
        {
            var admitting = grants.Where(g => g.Admits(record)).ToList();
            if (admitting.Count == 0)
            {
                continue;
            }

            var hidden = new HashSet<string>(admitting[0].Hidden);
            foreach (var grant in admitting.Skip(1))
            {
                hidden.IntersectWith(grant.Hidden);
            }

            result[record.Id] = hidden;
        }

        return result;
    }

    private void AssertNoLeak(
        string user, string path, IEnumerable<RecordEntry> returned, bool expectAll = true, bool export = false)
    {
        var expected = Expected(user, export);
        var items = returned.ToList();
        foreach (var item in items)
        {
            Assert.That(expected.ContainsKey(item.Id), Is.True, $"{path}: {user} got record {item.Id} it may not see");
            foreach (var hidden in expected[item.Id])
            {
                Assert.That(item.Data.ContainsKey(hidden), Is.False,
                    $"{path}: {user} got hidden '{hidden}' of {item.Id}");
            }

            var original = _records.Single(r => r.Id == item.Id);
            if (!expected[item.Id].Contains("price"))
            {
                Assert.That(item.Data["price"]!.GetValue<decimal>(), Is.EqualTo(original.Price),
                    $"{path}: price shown");
            }
        }

        if (expectAll)
        {
            Assert.That(items.Select(i => i.Id).Order(), Is.EqualTo(expected.Keys.Order()),
                $"{path}: {user} record set");
        }
    }

    [TestCaseSource(nameof(Users))]
    public async Task List_returns_exactly_the_visible_records_and_fields(string user)
    {
        var page = await _reader.ListAsync(user, new RecordQuery("customer") { Limit = 100 }, None);

        AssertNoLeak(user, "list", page.Items);
        Assert.That(page.Total, Is.EqualTo(Expected(user).Count));
    }

    [TestCaseSource(nameof(Users))]
    public async Task Detail_history_task_view_filtered(string user)
    {
        foreach (var record in _records)
        {
            var detail = await _reader.GetAsync(user, "customer", record.Id, None);
            var task = await _reader.GetForTaskAsync(user, "customer", record.Id, null, None);
            var history = await _reader.GetHistoryAsync(user, "customer", record.Id, None);
            var visible = Expected(user).TryGetValue(record.Id, out var hidden);

            Assert.That(detail is not null, Is.EqualTo(visible), $"detail {user}/{record.Name}");
            Assert.That(task is not null, Is.EqualTo(visible), $"task {user}/{record.Name}");
            Assert.That(history.Count > 0, Is.EqualTo(visible), $"history {user}/{record.Name}");
            if (detail is not null)
            {
                AssertNoLeak(user, "detail", [detail, task!], expectAll: false);
                foreach (var audit in history)
                {
                    Assert.That(audit.Snapshot.Select(p => p.Key).Intersect(hidden!), Is.Empty, "history snapshot");
                    Assert.That(audit.Changes.Select(c => c.Field).Intersect(hidden!), Is.Empty, "history changes");
                }
            }
        }
    }

    [TestCaseSource(nameof(Users))]
    public async Task Search_never_matches_through_a_hidden_field(string user)
    {
        foreach (var record in _records)
        {
            var byName = await _reader.SearchAsync(user, "customer", record.Name.ToUpperInvariant(), 0, 50, None);
            var byNote = await _reader.SearchAsync(user, "customer", record.Note, 0, 50, None);
            var expected = Expected(user);
            var visible = expected.TryGetValue(record.Id, out var hidden);

            AssertNoLeak(user, "search", byName.Items.Concat(byNote.Items), expectAll: false);
            Assert.That(byName.Items.Any(i => i.Id == record.Id), Is.EqualTo(visible), $"search name {record.Name}");
            Assert.That(byNote.Items.Any(i => i.Id == record.Id), Is.EqualTo(visible && !hidden!.Contains("note")),
                $"search note {user}/{record.Name}");
        }
    }

    [TestCaseSource(nameof(Users))]
    public async Task Export_streams_the_exportable_records_only(string user)
    {
        var grants = Oracle()[user].Where(g => g.Export).ToList();
        if (grants.Count == 0)
        {
            Assert.ThrowsAsync<UnauthorizedAccessException>(async () =>
            {
                await foreach (var _ in _reader.ExportAsync(user, "customer", null, null, None))
                {
                }
            });
            return;
        }

        var exported = new List<RecordEntry>();
        await foreach (var entry in _reader.ExportAsync(user, "customer", null, null, None))
        {
            exported.Add(entry);
        }

        AssertNoLeak(user, "export", exported, export: true);
        var columns = (await _reader.GetExportFieldsAsync(user, "customer", None)).Select(f => f.Id);
        Assert.That(columns, Is.EquivalentTo(TestForms.Customer().Fields.Select(f => f.Id)
            .Where(id => !grants.All(g => g.Hidden.Contains(id)))));
    }

    [TestCaseSource(nameof(Users))]
    public async Task Aggregate_sums_only_visible_rows_and_values(string user)
    {
        var expected = Expected(user);
        var anyPriceVisible = expected.Values.Any(hidden => !hidden.Contains("price"));
        var everyGrantHidesPrice = Oracle()[user].Length > 0 && Oracle()[user].All(g => g.Hidden.Contains("price"));
        if (everyGrantHidesPrice)
        {
            Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
                _reader.AggregateAsync(user, "customer", "region", ["price"], null, None));
            return;
        }

        var rows = await _reader.AggregateAsync(user, "customer", "region", ["price"], null, None);

        var visible = _records.Where(r => expected.ContainsKey(r.Id)).ToList();
        var expectedGroups = visible.GroupBy(r => r.Region ?? string.Empty).ToDictionary(
            g => g.Key,
            g => (Count: (long)g.Count(), Sum: g.Where(r => !expected[r.Id].Contains("price")).Sum(r => r.Price)));
        var actual = rows.ToDictionary(
            r => r.Key?.GetValue<string>() ?? string.Empty, r => (r.Count, Sum: r.Sums["price"]));
        Assert.That(actual, Is.EquivalentTo(expectedGroups));
        Assert.That(anyPriceVisible || rows.Count == 0, Is.True);
    }

    [TestCaseSource(nameof(Users))]
    public async Task Lookup_offers_only_visible_related_records(string user)
    {
        var items = await _reader.LookupAsync(user, OrderForm(), "customer", null, 100, None);

        Assert.That(items.Select(i => i.Id).Order(), Is.EqualTo(Expected(user).Keys.Order()));
        Assert.That(items.Select(i => i.Title), Is.All.Not.StartWith("tok"));
    }

    [Test]
    public void Filter_on_hidden_field_rejected()
    {
        var query = new RecordQuery("customer")
        {
            Filter = Condition.AllOf(new Rule { Field = "price", Operator = RuleOperators.GreaterThan, Value = 15 }),
        };

        var error = Assert.ThrowsAsync<UnauthorizedAccessException>(() => _reader.ListAsync("east", query, None));

        Assert.That(error!.Message, Does.Contain("Field 'price' of form 'customer' is hidden from user 'east'"));
    }

    [Test]
    public async Task Filter_on_partly_hidden_field()
    {
        var query = new RecordQuery("customer")
        {
            Filter = Condition.AllOf(new Rule { Field = "price", Operator = RuleOperators.GreaterThan, Value = 15 }),
        };

        var page = await _reader.ListAsync("mixed", query, None);

        // Beta (east, 20.20) is admitted only by the role that hides price: filtering on price must not reveal it.
        Assert.That(page.Items.Select(i => i.Data["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Gamma" }));
    }

    [Test]
    public async Task Saved_view_projects_its_columns_through_the_filter()
    {
        var view = new ViewDefinition
        {
            Key = "v", Form = "customer", Columns = ["name", "price"],
            Sort = [new SortOrder { Field = "name" }],
        };

        var page = await _reader.ListViewAsync("east", view, 0, 10, None);

        Assert.That(page.Items.Select(i => i.Data["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Alpha", "Beta" }));
        Assert.That(page.Items.SelectMany(i => i.Data.Select(p => p.Key)).Distinct(), Is.EqualTo(new[] { "name" }));
    }

    [Test]
    public async Task Organization_store_round_trips_users_and_departments()
    {
        var org = new SqliteOrganizationStore(_db.Database);
        await org.SaveDepartmentAsync(new OrgDepartment("d1", "销售部", null, "manager"), None);
        await org.SaveUserAsync(User("east", ["sales", "pricing"], ("region", "east"), ("level", "2")) with
        {
            DepartmentId = "d1",
        }, None);
        await org.SaveRoleAsync(new RoleDefinition { Key = "sales", Name = new LocalizedText("销售", "Sales") }, None);

        var user = await org.FindUserAsync("east", None);
        var members = await org.GetDepartmentMembersAsync("d1", None);
        var inRole = await org.GetUsersInRoleAsync("pricing", None);
        var department = await org.FindDepartmentAsync("d1", None);
        var roles = await org.ListRolesAsync(None);

        Assert.That(user!.Roles, Is.EqualTo(new[] { "pricing", "sales" }));
        Assert.That(user.GetAttribute("level"), Is.EqualTo("2"));
        Assert.That(members.Select(m => m.Id), Is.EqualTo(new[] { "east" }));
        Assert.That(inRole.Select(m => m.Id), Is.EqualTo(new[] { "east", "mixed" }));
        Assert.That(department!.ManagerId, Is.EqualTo("manager"));
        Assert.That(roles.Single().Name.Get("en"), Is.EqualTo("Sales"));
        Assert.ThrowsAsync<InvalidOperationException>(() => org.DeleteDepartmentAsync("d1", None));
    }
}
