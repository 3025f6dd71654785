using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Records;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Records;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Storage.Tests.Records;

/// <summary>A filter on a sub-table column (<c>lines.batch</c>) finds the records with a row holding the value.</summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class SubTableFilterTests(StorageProvider provider)
{
    private TestDatabase? _database;
    private IRecordStore _store = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 3, 1, 0, 0, TimeSpan.Zero));
        _store = _database.Database switch
        {
            SqliteDatabase sqlite => new SqliteRecordStore(sqlite, time),
            PostgresDatabase postgres => new PostgresRecordStore(postgres, time),
            _ => throw new InvalidOperationException($"No record store for {_database.Database.GetType().Name}."),
        };
        await ((IRecordFormRegistry)_store).RegisterFormAsync(new FormDefinition
        {
            Key = "shipment",
            Name = new LocalizedText("Shipment"),
            Fields =
            [
                new FieldDefinition
                {
                    Id = "lines", Type = FieldTypes.SubTable, Label = new LocalizedText("Lines"),
                    Fields =
                    [
                        new FieldDefinition { Id = "batch", Type = FieldTypes.Text, Label = new LocalizedText("Batch") },
                        new FieldDefinition { Id = "qty", Type = FieldTypes.Money, Label = new LocalizedText("Qty") },
                    ],
                },
            ],
        }, default);
        foreach (var rows in new[] { """[{"batch":"B1","qty":2.50},{"batch":"B2","qty":1}]""", """[{"batch":"B3","qty":7}]""" })
        {
            await _store.CreateAsync("shipment", new JsonObject { ["lines"] = JsonNode.Parse(rows) },
                new RecordWriteContext("admin"), default);
        }
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [TestCase("batch", "\"B2\"", 1)]
    [TestCase("batch", "\"B3\"", 2)]
    [TestCase("qty", "2.5", 1)]
    [TestCase("qty", "7", 2)]
    public async Task Column_filter_finds_row(string column, string value, long expectedId)
    {
        var page = await Query(column, JsonNode.Parse(value));

        Assert.That(page.Items.Select(item => item.Id), Is.EqualTo(new[] { expectedId }));
    }

    [Test]
    public async Task Column_filter_missing_value_finds_none()
    {
        var page = await Query("batch", JsonValue.Create("B9"));

        Assert.That(page.Items, Is.Empty);
    }

    [Test]
    public void Column_filter_other_operator_rejected()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => _store.QueryAsync(
            new RecordQuery("shipment")
            {
                Filter = Condition.AllOf(new Rule { Field = "lines.batch", Operator = RuleOperators.Contains, Value = "B" }),
            }, null, default));

        Assert.That(error!.Message, Does.StartWith("Sub-table column 'lines.batch' supports only \"eq\""));
    }

    private Task<RecordPage> Query(string column, JsonNode? value) => _store.QueryAsync(
        new RecordQuery("shipment")
        {
            Filter = Condition.AllOf(new Rule { Field = "lines." + column, Operator = RuleOperators.Equal, Value = value }),
        }, null, default);
}
