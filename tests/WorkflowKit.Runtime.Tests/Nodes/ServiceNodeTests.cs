using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Services;

namespace WorkflowKit.Runtime.Tests.Nodes;

public sealed class ServiceNodeTests
{
    [Test]
    public async Task Service_ResultLandsInVariable()
    {
        var service = new DoublingService();
        await using var fx = await EngineFixture.CreateAsync(configure: fixture => fixture.FlowServices.Add(service));
        fx.Publish(new FlowBuilder("calc")
            .Start()
            .Node("double", NodeTypes.Service, node =>
            {
                node.Service = DoublingService.ServiceName;
                node.Input = new() { ["value"] = "form.total + 1" };
                node.ResultVariable = "doubled";
            })
            .End()
            .Chain("start", "double", "end"));

        var instance = await fx.StartAsync("calc", form: """{"total": 20.5}""");

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        var vars = (await fx.InstanceAsync(instance.Id)).Instance.Variables;
        Assert.Multiple(() =>
        {
            Assert.That(vars["doubled"]!.GetValue<decimal>(), Is.EqualTo(43m));
            Assert.That(service.SeenNodeId, Is.EqualTo("double"));
            Assert.That(service.SeenTimeZone, Is.EqualTo("Asia/Shanghai"));
        });
    }

    [Test]
    public async Task Service_Unknown_RaisesIncident()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("calc")
            .Start().Node("double", NodeTypes.Service, node => node.Service = "missing.service").End()
            .Chain("start", "double", "end"));

        var instance = await fx.StartAsync("calc");

        var incident = (await fx.Engine.GetIncidentsAsync(instance.Id, true, CancellationToken.None)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(incident.Kind, Is.EqualTo("definition"));
            Assert.That(incident.Message, Is.EqualTo(
                "Service node 'double' calls service \"missing.service\", which this engine does not have (none is " +
                "registered). Register it with the engine or correct the name, then retry."));
        });
    }

    [Test]
    public async Task ForEach_StartsChildPerElement()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("line").Start().Approval("check", "carol").End().Chain("start", "check", "end"));
        fx.Publish(new FlowBuilder("order")
            .Start()
            .Node("lines", NodeTypes.SubFlow, node =>
            {
                node.Flow = "line";
                node.ForEach = "form.items";
                node.Wait = false;
                node.Input = new() { ["amount"] = "row.amount", ["order"] = "form.no" };
                node.ResultVariable = "started";
            })
            .End()
            .Chain("start", "lines", "end"));

        var parent = await fx.StartAsync("order", form: """{"no": "A1", "items": [{"amount": 1}, {"amount": 2}, {"amount": 3}]}""");

        await fx.InstanceEndedWithAsync(parent.Id, "end");
        var children = await fx.Engine.QueryInstancesAsync(
            new InstanceQuery { ParentInstanceId = parent.Id }, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(children.Select(c => c.Form["amount"]!.GetValue<int>()).Order(), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(children.Select(c => c.Form["order"]!.GetValue<string>()), Is.All.EqualTo("A1"));
            Assert.That(children.Select(c => c.Status), Is.All.EqualTo(InstanceStatuses.Running), "the parent did not wait");
            var started = (await fx.InstanceAsync(parent.Id)).Instance.Variables["started"]!.AsArray();
            Assert.That(started, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task ForEach_NotArray_RaisesIncident()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("line").Start().End().Chain("start", "end"));
        fx.Publish(new FlowBuilder("order")
            .Start()
            .Node("lines", NodeTypes.SubFlow, node => { node.Flow = "line"; node.ForEach = "form.no"; node.Wait = false; })
            .End()
            .Chain("start", "lines", "end"));

        var parent = await fx.StartAsync("order", form: """{"no": "A1"}""");

        var incident = (await fx.Engine.GetIncidentsAsync(parent.Id, true, CancellationToken.None)).Single();
        Assert.That(incident.Message, Is.EqualTo("Sub-flow node 'lines': \"forEach\" must give an array, got String."));
    }

    private sealed class DoublingService : IFlowService
    {
        public const string ServiceName = "test.double";

        public string Name => ServiceName;

        public string? SeenNodeId { get; private set; }

        public string? SeenTimeZone { get; private set; }

        public Task<JsonNode?> InvokeAsync(FlowServiceContext context, JsonObject input, CancellationToken cancellationToken)
        {
            SeenNodeId = context.NodeId;
            SeenTimeZone = context.TimeZone.Id;
            return Task.FromResult<JsonNode?>(input["value"]!.GetValue<decimal>() * 2);
        }
    }
}
