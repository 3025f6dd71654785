using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Organization;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Instances;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// Records that createRecord and updateRecord nodes write go through their form's rules: a value the form rejects
/// stops the node with an incident and writes nothing, while an old mistake in a record does not block an update.
/// An update's rules see its formulas recomputed, and rules that read <c>user</c> see the initiator.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class RecordNodeChecksOnStoresTests(StorageProvider provider) : EngineOnStoresFixture(provider)
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

    // available is a formula over the fields that the reserve node changes, and the rule reads only the formula.
    private const string StockForm = """
        {
          "key": "stock", "name": { "en": "Stock" },
          "fields": [
            { "id": "batchNo", "type": "text", "label": { "en": "Batch" } },
            { "id": "quantity", "type": "number", "label": { "en": "Quantity" } },
            { "id": "reserved", "type": "number", "label": { "en": "Reserved" } },
            { "id": "available", "type": "formula", "label": { "en": "Available" },
              "formula": { "formula": "quantity - reserved" } }
          ],
          "rules": [
            {
              "id": "noOverbooking",
              "condition": { "any": [{ "all": [{ "field": "available", "operator": "gte", "value": 0 }] }] },
              "message": { "en": "Reserved stock exceeds the quantity" },
              "fields": ["reserved"]
            }
          ]
        }
        """;

    private const string ReserveFlow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "reserve", "name": "Reserve",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "reserve", "type": "updateRecord", "form": "stock", "recordId": "form.recordId",
              "values": { "reserved": "record.reserved + form.quantity" } },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "reserve" }, { "id": "e2", "from": "reserve", "to": "end" }
          ]
        }
        """;

    private const string QuotaForm = """
        {
          "key": "quota", "name": { "en": "Quota" },
          "fields": [
            { "id": "name", "type": "text", "label": { "en": "Name" } },
            { "id": "creditLimit", "type": "money", "label": { "en": "Credit limit" } }
          ],
          "rules": [
            {
              "id": "regionalLimit",
              "condition": { "javaScript": "form.creditLimit <= (user.region === 'east' ? 1000 : 100)" },
              "message": { "en": "The credit limit is above the initiator's regional maximum" },
              "fields": ["creditLimit"]
            }
          ]
        }
        """;

    private const string QuotaFlow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "quotas", "name": "Quotas",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "create", "type": "createRecord", "form": "quota",
              "values": { "name": "form.name", "creditLimit": "form.amount" } },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "create" }, { "id": "e2", "from": "create", "to": "end" }
          ]
        }
        """;

    private WorkflowEngine _engine = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        foreach (var form in new[] { Form, StockForm, QuotaForm })
        {
            await Stores.RecordForms.RegisterFormAsync(DefinitionJson.Deserialize<FormDefinition>(form), default);
        }

        foreach (var flow in new[] { Flow, ReserveFlow, QuotaFlow })
        {
            Stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(flow));
        }

        _engine = Stores.CreateEngine();
    }

    [Test]
    public async Task Create_breaking_rule_raises_incident()
    {
        var started = await StartAsync(new JsonObject { ["name"] = "协和医院", ["amount"] = -5 });

        var incident = (await _engine.GetIncidentsAsync(started.Id, openOnly: true, default)).Single();
        Assert.That((incident.NodeId, incident.Kind), Is.EqualTo(("create", IncidentKinds.InvalidRecord)));
        Assert.That(incident.Message, Does.Contain("creditLimit"));
        Assert.That(incident.Message, Does.Contain("a new record of form 'limit'"));
        Assert.That((await Stores.Records.QueryAsync(new RecordQuery("limit"), null, default)).Items, Is.Empty);
    }

    [Test]
    public async Task Create_valid_record_is_written()
    {
        var started = await StartAsync(new JsonObject { ["name"] = "协和医院", ["amount"] = 5 });

        Assert.That((await _engine.GetInstanceAsync(started.Id, default))!.Instance.Status,
            Is.EqualTo(InstanceStatuses.Completed));
        var record = (await Stores.Records.QueryAsync(new RecordQuery("limit"), null, default)).Items.Single();
        Assert.That(record.Data["creditLimit"]!.GetValue<decimal>(), Is.EqualTo(5m));
    }

    [Test]
    public async Task Update_breaking_rule_raises_incident()
    {
        var existing = await Stores.Records.CreateAsync(
            "limit", new JsonObject { ["name"] = "协和医院", ["creditLimit"] = 10 }, new RecordWriteContext("alice"), default);

        var started = await StartAsync(new JsonObject { ["recordId"] = existing.Id, ["amount"] = -5000 });

        var incident = (await _engine.GetIncidentsAsync(started.Id, openOnly: true, default)).Single();
        Assert.That((incident.NodeId, incident.Kind), Is.EqualTo(("update", IncidentKinds.InvalidRecord)));
        Assert.That(incident.Message, Does.Contain($"record {existing.Id} of form 'limit'"));
        var stored = await Stores.Records.GetAsync("limit", existing.Id, null, default);
        Assert.That(stored!.Data["creditLimit"]!.GetValue<decimal>(), Is.EqualTo(10m));
    }

    [Test]
    public async Task Update_of_record_with_old_mistake_passes()
    {
        // Written past the form's rules, as an old import could have: the required name is missing.
        var existing = await Stores.Records.CreateAsync(
            "limit", new JsonObject { ["creditLimit"] = 10 }, new RecordWriteContext("alice"), default);

        var started = await StartAsync(new JsonObject { ["recordId"] = existing.Id, ["amount"] = 20 });

        Assert.That(await _engine.GetIncidentsAsync(started.Id, openOnly: true, default), Is.Empty);
        var stored = await Stores.Records.GetAsync("limit", existing.Id, null, default);
        Assert.That(stored!.Data["creditLimit"]!.GetValue<decimal>(), Is.EqualTo(20m));
    }

    [Test]
    public async Task Update_rules_see_recomputed_formula()
    {
        var batch = await CreateBatchAsync();

        var started = await StartAsync(
            "reserve", "alice", new JsonObject { ["recordId"] = batch.Id, ["quantity"] = 4 });

        Assert.That(await _engine.GetIncidentsAsync(started.Id, openOnly: true, default), Is.Empty);
        var stored = await Stores.Records.GetAsync("stock", batch.Id, null, default);
        Assert.That(stored!.Data["reserved"]!.GetValue<decimal>(), Is.EqualTo(4m));
        Assert.That(stored.Data["available"]!.GetValue<decimal>(), Is.EqualTo(6m));
    }

    [Test]
    public async Task Formula_breaking_rule_raises_incident()
    {
        var batch = await CreateBatchAsync();

        var started = await StartAsync(
            "reserve", "alice", new JsonObject { ["recordId"] = batch.Id, ["quantity"] = 15 });

        var incident = (await _engine.GetIncidentsAsync(started.Id, openOnly: true, default)).Single();
        Assert.That((incident.NodeId, incident.Kind), Is.EqualTo(("reserve", IncidentKinds.InvalidRecord)));
        Assert.That(incident.Message, Does.Contain("reserved: Reserved stock exceeds the quantity"));
        var stored = await Stores.Records.GetAsync("stock", batch.Id, null, default);
        Assert.That(stored!.Data["reserved"]!.GetValue<decimal>(), Is.Zero);
        Assert.That(stored.Data["available"]!.GetValue<decimal>(), Is.EqualTo(10m));
    }

    [Test]
    public async Task Create_rule_reads_initiator_as_user()
    {
        Stores.Organization.Add(new OrgUser(
            "dave", "Dave", null, [], new Dictionary<string, string> { ["region"] = "east" }));

        var east = await StartAsync("quotas", "dave", new JsonObject { ["name"] = "协和医院", ["amount"] = 500 });
        var other = await StartAsync("quotas", "alice", new JsonObject { ["name"] = "瑞金医院", ["amount"] = 500 });

        Assert.That(await _engine.GetIncidentsAsync(east.Id, openOnly: true, default), Is.Empty);
        var incident = (await _engine.GetIncidentsAsync(other.Id, openOnly: true, default)).Single();
        Assert.That(incident.Kind, Is.EqualTo(IncidentKinds.InvalidRecord));
        Assert.That(incident.Message,
            Does.Contain("creditLimit: The credit limit is above the initiator's regional maximum"));
        var records = (await Stores.Records.QueryAsync(new RecordQuery("quota"), null, default)).Items;
        Assert.That(records.Select(record => record.Data["name"]!.GetValue<string>()),
            Is.EqualTo(new[] { "协和医院" }));
    }

    private Task<WorkflowInstance> StartAsync(JsonObject form) => StartAsync("limits", "alice", form);

    private Task<RecordEntry> CreateBatchAsync() => Stores.Records.CreateAsync(
        "stock", new JsonObject { ["batchNo"] = "B1", ["quantity"] = 10, ["reserved"] = 0, ["available"] = 10 },
        new RecordWriteContext("alice"), default);

    private Task<WorkflowInstance> StartAsync(string flowKey, string initiator, JsonObject form) =>
        _engine.StartAsync(new StartInstanceRequest(flowKey, initiator) { Form = form }, default);
}
