using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Records;
using WorkflowKit.Storage.Sqlite.Records;

namespace WorkflowKit.Runtime.Tests.Records;

/// <summary><c>records.query(formKey, filter)</c> in script nodes, against the SQLite record store.</summary>
public sealed class RecordQueryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Test]
    public async Task Query_Equals_ReturnsMatchingRows()
    {
        await using var fx = await CreateAsync();
        var instance = await RunScriptAsync(fx, "vars.rows = records.query('receivable', { customer: 'C1' });");

        var rows = await RowsAsync(fx, instance.Id);

        Assert.That(rows.Select(row => row["invoice"]!.GetValue<string>()), Is.EqualTo(new[] { "INV-1", "INV-3" }));
        Assert.That(rows.Select(row => row["amount"]!.GetValue<decimal>()), Is.EqualTo(new[] { 100.5m, 300m }));
    }

    [Test]
    public async Task Query_Array_MeansOneOf()
    {
        await using var fx = await CreateAsync();
        var instance = await RunScriptAsync(fx, "vars.rows = records.query('receivable', { customer: ['C2', 'C3'] });");

        var rows = await RowsAsync(fx, instance.Id);

        Assert.That(rows.Select(row => row["invoice"]!.GetValue<string>()), Is.EqualTo(new[] { "INV-2", "INV-4" }));
    }

    [Test]
    public async Task Query_Null_MeansEmptyField()
    {
        await using var fx = await CreateAsync();
        var instance = await RunScriptAsync(fx, "vars.rows = records.query('receivable', { paidOn: null });");

        var rows = await RowsAsync(fx, instance.Id);

        Assert.That(rows.Select(row => row["invoice"]!.GetValue<string>()), Is.EqualTo(new[] { "INV-1", "INV-2" }));
    }

    [Test]
    public async Task Query_EmptyFilter_ReadsWholeForm()
    {
        await using var fx = await CreateAsync();
        var instance = await RunScriptAsync(
            fx, "vars.total = records.query('receivable', {}).reduce((sum, row) => sum + row.amount, 0);");

        var detail = await fx.InstanceAsync(instance.Id);

        Assert.That(detail.Instance.Variables["total"]!.GetValue<decimal>(), Is.EqualTo(100.5m + 200m + 300m + 400m));
    }

    [Test]
    public async Task Query_OverRowLimit_RaisesIncident()
    {
        await using var fx = await CreateAsync(maxRows: 3);
        var instance = await RunScriptAsync(fx, "vars.rows = records.query('receivable', {});");

        var incident = await OpenIncidentAsync(fx, instance.Id);

        Assert.That(incident.Message, Does.Contain("matched more than 3 records"));
        Assert.That(incident.Message, Does.Contain("EngineOptions.MaxQueryRows"));
    }

    [Test]
    public async Task Query_AtRowLimit_Succeeds()
    {
        await using var fx = await CreateAsync(maxRows: 4);
        var instance = await RunScriptAsync(fx, "vars.rows = records.query('receivable', {});");

        var rows = await RowsAsync(fx, instance.Id);

        Assert.That(rows, Has.Count.EqualTo(4));
    }

    [TestCase("records.query(42, {})", "expects a form key string as its first argument, got number")]
    [TestCase("records.query('', {})", "expects a form key string as its first argument, got \"\"")]
    [TestCase("records.query('receivable', [1])", "expects filter to be an object of field ids to values")]
    [TestCase("records.query('receivable', 'C1')", "expects filter to be an object of field ids to values, got \"C1\"")]
    [TestCase("records.query('receivable', { customer: { op: 'eq' } })", "filter property 'customer' is an object")]
    [TestCase("records.query('unknown-form', {})", "Form 'unknown-form' has no records table yet")]
    public async Task Query_BadArgument_RaisesIncident(string call, string expected)
    {
        await using var fx = await CreateAsync();
        var instance = await RunScriptAsync(fx, $"vars.rows = {call};");

        var incident = await OpenIncidentAsync(fx, instance.Id);

        Assert.That(incident.Message, Does.Contain(expected));
    }

    private static async Task<EngineFixture> CreateAsync(int maxRows = 100)
    {
        var fx = await EngineFixture.CreateAsync();
        fx.Options.MaxQueryRows = maxRows;
        var store = new SqliteRecordStore(fx.Database, fx.Time);
        await store.RegisterFormAsync(new FormDefinition
        {
            Key = "receivable",
            Fields =
            [
                new FieldDefinition { Id = "invoice", Type = FieldTypes.Text },
                new FieldDefinition { Id = "customer", Type = FieldTypes.Text },
                new FieldDefinition { Id = "amount", Type = FieldTypes.Number },
                new FieldDefinition { Id = "paidOn", Type = FieldTypes.Date },
            ],
        }, None);
        fx.RecordStore = store;
        fx.Restart();
        var rows = new (string Invoice, string Customer, decimal Amount, string? PaidOn)[]
        {
            ("INV-1", "C1", 100.5m, null),
            ("INV-2", "C2", 200m, null),
            ("INV-3", "C1", 300m, "2025-02-01"),
            ("INV-4", "C3", 400m, "2025-02-10"),
        };
        foreach (var row in rows)
        {
            var data = new JsonObject { ["invoice"] = row.Invoice, ["customer"] = row.Customer, ["amount"] = row.Amount };
            if (row.PaidOn is not null)
            {
                data["paidOn"] = row.PaidOn;
            }

            await store.CreateAsync("receivable", data, new RecordWriteContext("alice"), None);
        }

        return fx;
    }

    private static async Task<Instances.WorkflowInstance> RunScriptAsync(EngineFixture fx, string script)
    {
        fx.Publish(new FlowBuilder("query")
            .Start()
            .Script("read", script)
            .End()
            .Chain("start", "read", "end"));
        return await fx.StartAsync("query");
    }

    private static async Task<List<JsonObject>> RowsAsync(EngineFixture fx, string instanceId)
    {
        var detail = await fx.InstanceAsync(instanceId);
        Assert.That(detail.Instance.Status, Is.EqualTo(InstanceStatuses.Completed), "instance status");
        return [.. (detail.Instance.Variables["rows"] as JsonArray ?? []).OfType<JsonObject>()];
    }

    private static async Task<Incident> OpenIncidentAsync(EngineFixture fx, string instanceId)
    {
        var incidents = await fx.Engine.GetIncidentsAsync(instanceId, openOnly: true, None);
        Assert.That(incidents, Has.Count.EqualTo(1), "open incidents");
        return incidents[0];
    }
}
