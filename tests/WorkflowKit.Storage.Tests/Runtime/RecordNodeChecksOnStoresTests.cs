using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// Records that createRecord and updateRecord nodes write go through their form's rules: a value the form rejects
/// stops the node with an incident and writes nothing, while an old mistake in a record does not block an update.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class RecordNodeChecksOnStoresTests(StorageProvider provider)
{
    private const string Form = """
        {
          "key": "limit", "name": { "en": "Limit" },
          "fields": [
            { "id": "name", "type": "text", "label": { "en": "Name" }, "required": true },
            { "id": "creditLimit", "type": "money", "label": { "en": "Credit limit" }, "min": 0 }
          ]
        }
        """;

    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "limits", "name": "Limits",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "route", "type": "condition" },
            { "id": "create", "type": "createRecord", "form": "limit",
              "values": { "name": "form.name", "creditLimit": "form.amount" } },
            { "id": "update", "type": "updateRecord", "form": "limit", "recordId": "form.recordId",
              "values": { "creditLimit": "form.amount" } },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "route" },
            { "id": "e2", "from": "route", "to": "update", "condition": { "javaScript": "form.recordId != null" } },
            { "id": "e3", "from": "route", "to": "create", "isDefault": true },
            { "id": "e4", "from": "create", "to": "end" }, { "id": "e5", "from": "update", "to": "end" }
          ]
        }
        """;

    private EngineOnStores _stores = null!;
    private WorkflowEngine _engine = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _stores = await EngineOnStores.CreateAsync(provider);
        await _stores.RecordForms.RegisterFormAsync(DefinitionJson.Deserialize<FormDefinition>(Form), default);
        _stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(Flow));
        _engine = _stores.CreateEngine();
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        // SetUp ignores the PostgreSQL fixture when no server is configured; then there is nothing to drop.
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
        }
    }

    [Test]
    public async Task Create_breaking_rule_raises_incident()
    {
        var started = await StartAsync(new JsonObject { ["name"] = "协和医院", ["amount"] = -5 });

        var incident = (await _engine.GetIncidentsAsync(started.Id, openOnly: true, default)).Single();
        Assert.That((incident.NodeId, incident.Kind), Is.EqualTo(("create", IncidentKinds.InvalidRecord)));
        Assert.That(incident.Message, Does.Contain("creditLimit"));
        Assert.That(incident.Message, Does.Contain("a new record of form 'limit'"));
        Assert.That((await _stores.Records.QueryAsync(new RecordQuery("limit"), null, default)).Items, Is.Empty);
    }

    [Test]
    public async Task Create_valid_record_is_written()
    {
        var started = await StartAsync(new JsonObject { ["name"] = "协和医院", ["amount"] = 5 });

        Assert.That((await _engine.GetInstanceAsync(started.Id, default))!.Instance.Status,
            Is.EqualTo(InstanceStatuses.Completed));
        var record = (await _stores.Records.QueryAsync(new RecordQuery("limit"), null, default)).Items.Single();
        Assert.That(record.Data["creditLimit"]!.GetValue<decimal>(), Is.EqualTo(5m));
    }

    [Test]
    public async Task Update_breaking_rule_raises_incident()
    {
        var existing = await _stores.Records.CreateAsync(
            "limit", new JsonObject { ["name"] = "协和医院", ["creditLimit"] = 10 }, new RecordWriteContext("alice"), default);

        var started = await StartAsync(new JsonObject { ["recordId"] = existing.Id, ["amount"] = -5000 });

        var incident = (await _engine.GetIncidentsAsync(started.Id, openOnly: true, default)).Single();
        Assert.That((incident.NodeId, incident.Kind), Is.EqualTo(("update", IncidentKinds.InvalidRecord)));
        Assert.That(incident.Message, Does.Contain($"record {existing.Id} of form 'limit'"));
        var stored = await _stores.Records.GetAsync("limit", existing.Id, null, default);
        Assert.That(stored!.Data["creditLimit"]!.GetValue<decimal>(), Is.EqualTo(10m));
    }

    [Test]
    public async Task Update_of_record_with_old_mistake_passes()
    {
        // Written past the form's rules, as an old import could have: the required name is missing.
        var existing = await _stores.Records.CreateAsync(
            "limit", new JsonObject { ["creditLimit"] = 10 }, new RecordWriteContext("alice"), default);

        var started = await StartAsync(new JsonObject { ["recordId"] = existing.Id, ["amount"] = 20 });

        Assert.That(await _engine.GetIncidentsAsync(started.Id, openOnly: true, default), Is.Empty);
        var stored = await _stores.Records.GetAsync("limit", existing.Id, null, default);
        Assert.That(stored!.Data["creditLimit"]!.GetValue<decimal>(), Is.EqualTo(20m));
    }

    private Task<WorkflowInstance> StartAsync(JsonObject form) =>
        _engine.StartAsync(new StartInstanceRequest("limits", "alice") { Form = form }, default);
}
