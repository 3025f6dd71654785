using System.Security.Cryptography;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Files;
using WorkflowKit.Import;
using WorkflowKit.Records;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Diagnostics;
using WorkflowKit.Runtime.Imports;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Participation;
using WorkflowKit.Runtime.Tasks;
using WorkflowKit.Storage.PostgreSql;
using WorkflowKit.Storage.PostgreSql.Runtime;
using WorkflowKit.Storage.Relational.Files;
using WorkflowKit.Storage.Sqlite;
using WorkflowKit.Storage.Sqlite.Runtime;

namespace WorkflowKit.Storage.Tests.Runtime;

/// <summary>
/// File links written by the engine's steps on each provider. A start and a task submission link the files they add
/// in the step's transaction, so a step that fails before its commit leaves neither the instance change nor a link.
/// </summary>
[TestFixture(StorageProvider.Sqlite)]
[TestFixture(StorageProvider.PostgreSql)]
public sealed class FileLinksInStepsOnStoresTests(StorageProvider provider)
{
    private const string Flow = """
        {
          "formatVersion": 1, "kind": "flow", "key": "contract", "name": "Contract", "form": "contract",
          "nodes": [
            { "id": "start", "type": "start" },
            { "id": "stamp", "type": "fillIn", "assignees": [{ "type": "user", "value": "bob" }],
              "fieldPermissions": { "title": "readonly", "scan": "editable" } },
            { "id": "end", "type": "end" }
          ],
          "edges": [
            { "id": "e1", "from": "start", "to": "stamp" }, { "id": "e2", "from": "stamp", "to": "end" }
          ]
        }
        """;

    private EngineOnStores _stores = null!;
    private IFileStore _files = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _stores = await EngineOnStores.CreateAsync(provider);
        _files = _stores.CreateFileStore();
        _stores.Flows.Publish(DefinitionJson.Deserialize<FlowDefinition>(Flow), ContractForm());
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
        }
    }

    [Test]
    public async Task Start_links_its_files()
    {
        var engine = _stores.CreateEngine(files: _files);
        var file = await UploadAsync("alice");

        var started = await StartAsync(engine, file);

        Assert.That(await _files.ListHoldersAsync(file.Id, default), Is.EqualTo(new[] { Holder(started.Id) }));
        Assert.That(await SweepLaterAsync(), Is.Zero);
        Assert.That(await _files.FindAsync(file.Id, default), Is.Not.Null);
    }

    [Test]
    public async Task Start_failing_before_commit_leaves_nothing()
    {
        var engine = _stores.CreateEngine(faults: new FailAt(FaultPoint.BeforeCommit), files: _files);
        var file = await UploadAsync("alice");

        Assert.ThrowsAsync<InjectedFault>(() => StartAsync(engine, file));

        var instances = await engine.QueryInstancesAsync(new InstanceQuery { FlowKey = "contract" }, default);
        Assert.That(instances, Is.Empty);
        Assert.That(await _files.ListHoldersAsync(file.Id, default), Is.Empty);
        Assert.That(await SweepLaterAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Start_failing_after_commit_keeps_both()
    {
        var engine = _stores.CreateEngine(faults: new FailAt(FaultPoint.AfterCommit), files: _files);
        var file = await UploadAsync("alice");

        Assert.ThrowsAsync<InjectedFault>(() => StartAsync(engine, file));

        var instances = await engine.QueryInstancesAsync(new InstanceQuery { FlowKey = "contract" }, default);
        Assert.That(instances, Has.Count.EqualTo(1));
        Assert.That(await _files.ListHoldersAsync(file.Id, default), Is.EqualTo(new[] { Holder(instances[0].Id) }));
        Assert.That(await SweepLaterAsync(), Is.Zero);
    }

    [Test]
    public async Task Start_links_file_in_variable()
    {
        var engine = _stores.CreateEngine(files: _files);
        var contract = await UploadAsync("alice");
        var copy = await UploadAsync("alice");

        var started = await StartAsync(engine, contract, new JsonObject { ["copy"] = copy.ToReference().ToJson() });

        Assert.That(await _files.ListHoldersAsync(copy.Id, default), Is.EqualTo(new[] { Holder(started.Id) }));
    }

    [Test]
    public async Task Start_during_sweep_keeps_variable_file()
    {
        var engine = _stores.CreateEngine(files: _files);
        var contract = await UploadAsync("alice");
        var copy = await UploadAsync("alice");
        WorkflowInstance? started = null;
        ((RelationalFileStore)_files).BeforeDeletion = async cancellationToken =>
        {
            started = await StartAsync(engine, contract, new JsonObject { ["copy"] = copy.ToReference().ToJson() });
        };

        var deleted = await SweepLaterAsync();

        Assert.That(deleted, Is.Zero);
        Assert.That(await _files.FindAsync(copy.Id, default), Is.Not.Null);
        Assert.That(await _files.ListHoldersAsync(copy.Id, default), Is.EqualTo(new[] { Holder(started!.Id) }));
    }

    [Test]
    public async Task Start_naming_removed_file_in_variable_fails()
    {
        var engine = _stores.CreateEngine(files: _files);
        var contract = await UploadAsync("alice");
        var removed = new JsonObject { ["id"] = "0123456789abcdef0123456789abcdef", ["name"] = "scan.pdf" };
        var notAFile = new JsonObject { ["id"] = "P-001", ["name"] = "试剂盒" };

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(
            engine, contract, new JsonObject { ["copy"] = removed, ["items"] = new JsonArray(notAFile) }));

        Assert.That(error!.Message, Does.StartWith("File 0123456789abcdef0123456789abcdef that instance "));
        var instances = await engine.QueryInstancesAsync(new InstanceQuery { FlowKey = "contract" }, default);
        Assert.That(instances, Is.Empty);
        Assert.That(await _files.ListHoldersAsync(contract.Id, default), Is.Empty);
    }

    [Test]
    public async Task Start_skips_row_shaped_like_reference()
    {
        var engine = _stores.CreateEngine(files: _files);
        var contract = await UploadAsync("alice");
        var notAFile = new JsonObject { ["id"] = "P-001", ["name"] = "试剂盒" };

        var started = await StartAsync(engine, contract, new JsonObject { ["items"] = new JsonArray(notAFile) });

        Assert.That(await _files.ListHoldersAsync(contract.Id, default), Is.EqualTo(new[] { Holder(started.Id) }));
        Assert.That(await _files.ListHoldersAsync("P-001", default), Is.Empty);
    }

    [Test]
    public async Task Submit_links_added_file()
    {
        var engine = _stores.CreateEngine(files: _files);
        var started = await StartAsync(engine, await UploadAsync("alice"));
        var task = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default)).Single();
        var scan = await UploadAsync("bob");

        await engine.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Submit, "bob")
            {
                FormChanges = new JsonObject { ["scan"] = new JsonArray(scan.ToReference().ToJson()) },
            },
            default);

        Assert.That(await _files.ListHoldersAsync(scan.Id, default), Is.EqualTo(new[] { Holder(started.Id) }));
    }

    [Test]
    public async Task Submit_failing_before_commit_leaves_nothing()
    {
        var contract = await UploadAsync("alice");
        var started = await StartAsync(_stores.CreateEngine(files: _files), contract);
        var failing = _stores.CreateEngine(faults: new FailAt(FaultPoint.BeforeCommit), files: _files);
        var task = (await failing.QueryTasksAsync(new TaskQuery { InstanceId = started.Id }, default)).Single();
        var scan = await UploadAsync("bob");

        Assert.ThrowsAsync<InjectedFault>(() => failing.ActAsync(
            new TaskActionRequest(task.Id, TaskActions.Submit, "bob")
            {
                FormChanges = new JsonObject { ["scan"] = new JsonArray(scan.ToReference().ToJson()) },
            },
            default));

        var instance = await failing.GetInstanceAsync(started.Id, default);
        Assert.That(
            instance!.Instance.Form["scan"]!.AsArray().Select(file => file!["id"]!.GetValue<string>()),
            Is.EqualTo(new[] { contract.Id }));
        Assert.That(instance.Instance.Status, Is.EqualTo(InstanceStatuses.Running));
        Assert.That(await _files.ListHoldersAsync(scan.Id, default), Is.Empty);
    }

    [Test]
    public async Task Start_naming_removed_file_writes_nothing()
    {
        // An import start skips the form checks, because the row was checked as a record, so the link write is the
        // check that meets a file that the sweep removed between the upload and the start.
        var checking = _stores.CreateEngine(files: _files);
        var file = await UploadAsync("alice");
        var removed = NewFile("alice") with { Id = "0123456789abcdef0123456789abcdef" };
        var data = new JsonObject
        {
            ["title"] = "华东医院合同",
            ["scan"] = new JsonArray(file.ToReference().ToJson(), removed.ToReference().ToJson()),
        };
        var now = _stores.Time.GetUtcNow();
        var row = new ImportedRow(
            "contract", new RecordEntry("contract", 1, 1, data, null, "alice", now, now, null, false), 1, "alice");
        var starter = new ImportFlowStarter(checking, ParticipationStore(), ["contract"]);
        InvalidOperationException? error;

        // The import rolls back its transaction when a row fails, as disposing it uncommitted does here.
        await using (var transaction = await _stores.Database.BeginTransactionAsync(default))
        {
            error = Assert.ThrowsAsync<InvalidOperationException>(() => starter.StartAsync(row, transaction, default));
        }

        Assert.That(error!.Message, Does.StartWith("File 0123456789abcdef0123456789abcdef that instance "));
        var instances = await checking.QueryInstancesAsync(new InstanceQuery { FlowKey = "contract" }, default);
        Assert.That(instances, Is.Empty);
        Assert.That(await _files.ListHoldersAsync(file.Id, default), Is.Empty);
    }

    private IParticipationStore ParticipationStore() => _stores.Database switch
    {
        SqliteDatabase sqlite => new SqliteParticipationStore(sqlite),
        PostgresDatabase postgres => new PostgresParticipationStore(postgres),
        _ => throw new InvalidOperationException($"No participation store for {_stores.Database.GetType().Name}."),
    };

    private static FileHolder Holder(string instanceId) => new(instanceId, null, null);

    private static Task<WorkflowInstance> StartAsync(
        WorkflowEngine engine, StoredFile file, JsonObject? variables = null) => engine.StartAsync(
        new StartInstanceRequest("contract", "alice")
        {
            Form = new JsonObject
            {
                ["title"] = "华东医院合同", ["scan"] = new JsonArray(file.ToReference().ToJson()),
            },
            Variables = variables,
        },
        default);

    private async Task<StoredFile> UploadAsync(string userId)
    {
        var file = NewFile(userId);
        await _files.InsertAsync(file, new byte[] { 1, 2, 3 }, default);
        return file;
    }

    // Runs the sweep two days after the uploads, when every unlinked upload is past its lifetime of a day.
    private Task<int> SweepLaterAsync() => _files.DeleteUnlinkedAsync(_stores.Time.GetUtcNow().AddDays(2), default);

    private StoredFile NewFile(string userId) => new(
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), "scan.pdf", "application/pdf", 3,
        Convert.ToHexStringLower(SHA256.HashData(new byte[] { 1, 2, 3 })), userId, _stores.Time.GetUtcNow());

    private static FormDefinition ContractForm() => new()
    {
        Key = "contract",
        Name = new LocalizedText("合同", "Contract"),
        Fields =
        [
            new FieldDefinition { Id = "title", Type = FieldTypes.Text, Label = new LocalizedText("标题", "Title") },
            new FieldDefinition
            {
                Id = "scan", Type = FieldTypes.Attachment, Multiple = true,
                Label = new LocalizedText("扫描件", "Scan"),
            },
        ],
    };

    private sealed class InjectedFault(string message) : Exception(message);

    private sealed class FailAt(FaultPoint point) : IFaultInjector
    {
        private bool _failed;

        public void At(FaultPoint current, string subject)
        {
            if (current == point && !_failed)
            {
                _failed = true;
                throw new InjectedFault($"Injected fault at {current} of {subject}.");
            }
        }
    }
}
