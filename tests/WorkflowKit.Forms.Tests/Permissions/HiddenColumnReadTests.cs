using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
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
/// A sub-table column hidden by a permission rule (<c>lines.unitPrice</c>) is removed from every row in the list,
/// the detail and the history, while the row's other columns stay.
/// </summary>
public sealed class HiddenColumnReadTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private TestDatabase _db = null!;
    private RecordReader _reader = null!;
    private long _recordId;

    [SetUp]
    public async Task SetUp()
    {
        _db = await TestDatabase.CreateAsync();
        var store = new SqliteRecordStore(_db.Database, new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 0, 0, 0,
            TimeSpan.Zero)));
        var lines = TestForms.Field("lines", FieldTypes.SubTable, "明细", "Lines");
        lines.Fields =
        [
            TestForms.Field("product", FieldTypes.Text, "产品", "Product"),
            TestForms.Field("unitPrice", FieldTypes.Money, "单价", "Unit price"),
        ];
        await store.RegisterFormAsync(
            new FormDefinition { Key = "order", Fields = [TestForms.Field("customer", FieldTypes.Text, "客户", "Customer"), lines] },
            None);

        var org = new SqliteOrganizationStore(_db.Database);
        await org.SaveUserAsync(new OrgUser("clerk", "clerk", null, ["warehouse"], new Dictionary<string, string>()), None);
        var rules = new SqlitePermissionRuleStore(_db.Database);
        await rules.SaveRulesAsync("order",
            [new PermissionRule { Role = "warehouse", Form = "order", Actions = ["read"], HiddenFields = ["lines.unitPrice"] }],
            None);
        _reader = new RecordReader(store, store, store, new RecordAccess(rules, org, new InMemoryParticipationSource()));

        var created = await store.CreateAsync("order", Order(10.5m), new RecordWriteContext("sales"), None);
        await store.UpdateAsync("order", created.Id, new JsonObject { ["lines"] = Order(12m)["lines"]!.DeepClone() }, null,
            new RecordWriteContext("sales"), None);
        _recordId = created.Id;
    }

    [TearDown]
    public async Task TearDown() => await _db.DisposeAsync();

    [Test]
    public async Task List_drops_hidden_column()
    {
        var page = await _reader.ListAsync("clerk", new RecordQuery("order"), None);

        AssertRowsWithoutPrice(page.Items.Single().Data["lines"]);
    }

    [Test]
    public async Task Detail_drops_hidden_column()
    {
        var detail = await _reader.GetAsync("clerk", "order", _recordId, None);

        AssertRowsWithoutPrice(detail!.Data["lines"]);
    }

    [Test]
    public async Task History_drops_hidden_column()
    {
        var history = await _reader.GetHistoryAsync("clerk", "order", _recordId, None);

        Assert.That(history, Has.Count.EqualTo(2));
        foreach (var audit in history)
        {
            AssertRowsWithoutPrice(audit.Snapshot["lines"]);
            foreach (var change in audit.Changes.Where(change => change.Field == "lines"))
            {
                if (change.OldValue is not null)
                {
                    AssertRowsWithoutPrice(change.OldValue);
                }

                AssertRowsWithoutPrice(change.NewValue);
            }
        }
    }

    private static JsonObject Order(decimal price) => new()
    {
        ["customer"] = "C0001",
        ["lines"] = new JsonArray(new JsonObject { ["product"] = "IVD-0001", ["unitPrice"] = price }),
    };

    private static void AssertRowsWithoutPrice(JsonNode? lines)
    {
        var row = lines!.AsArray().Single()!.AsObject();
        Assert.That(row.ContainsKey("unitPrice"), Is.False, row.ToJsonString());
        Assert.That(row["product"]!.GetValue<string>(), Is.EqualTo("IVD-0001"));
    }
}
