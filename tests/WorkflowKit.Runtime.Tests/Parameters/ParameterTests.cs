using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Incidents;

namespace WorkflowKit.Runtime.Tests.Parameters;

/// <summary>
/// Flow parameters as scripts, JavaScript conditions and rule-builder conditions read them (<c>params.ID</c>), and
/// as part of the published version: an instance keeps the values of the version it started on.
/// </summary>
public sealed class ParameterTests
{
    [Test]
    public async Task Script_reads_parameter()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Limits("form.share = round(form.used / form.limit * 100, 0); form.high = form.share > params.limit;", 80));

        var instance = await fx.StartAsync("limits", form: """{"used": 85, "limit": 100}""");

        await fx.InstanceEndedWithAsync(instance.Id, "end");
        var form = (await fx.InstanceAsync(instance.Id)).Instance.Form;
        Assert.That(form["share"]!.GetValue<decimal>(), Is.EqualTo(85m));
        Assert.That(form["high"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Rule_builder_condition_reads_parameter()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Routed(80));

        var over = await fx.StartAsync("routed", form: """{"share": 85}""");
        var under = await fx.StartAsync("routed", form: """{"share": 75}""");

        await fx.InstanceEndedWithAsync(over.Id, "high");
        await fx.InstanceEndedWithAsync(under.Id, "low");
    }

    [Test]
    public async Task New_version_changes_new_instances_only()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Waiting(80));
        var old = await fx.StartAsync("waiting", form: """{"share": 75}""");
        fx.Publish(Waiting(70));
        fx.Restart();
        var fresh = await fx.StartAsync("waiting", form: """{"share": 75}""");

        await fx.ActAsync(await fx.TaskAssignedToAsync(old.Id, "review", "bob"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(fresh.Id, "review", "bob"), "approve");

        await fx.InstanceEndedWithAsync(old.Id, "low");
        await fx.InstanceEndedWithAsync(fresh.Id, "high");
    }

    [Test]
    public async Task Undeclared_parameter_raises_incident_naming_it()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Limits("form.high = form.used > params.limt;", 80));

        var instance = await fx.StartAsync("limits", form: """{"used": 85}""");

        var incident = (await fx.InstanceAsync(instance.Id)).Incidents.Single();
        Assert.That(incident.Kind, Is.EqualTo(IncidentKinds.Script));
        Assert.That(incident.Message, Does.Contain(
            "params.limt is not a parameter of this flow (declared: limit). Add it to the flow's parameters or " +
            "correct the name."));
    }

    [Test]
    public async Task Script_cannot_change_parameter()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Limits("params.limit = 10;", 80));

        var instance = await fx.StartAsync("limits", form: "{}");

        var incident = (await fx.InstanceAsync(instance.Id)).Incidents.Single();
        Assert.That(incident.Message, Does.Contain("params.limit cannot be changed by a script"));
    }

    private static FlowBuilder Limits(string script, int limit) =>
        new FlowBuilder("limits").Start().Script("calc", script).End().Chain("start", "calc", "end")
            .Configure(flow => flow.Parameters = [Parameter("limit", limit)]);

    private static FlowBuilder Routed(int limit) =>
        new FlowBuilder("routed").Start().Node("check", NodeTypes.Condition).End("high").End("low")
            .Chain("start", "check")
            .Configure(flow =>
            {
                flow.Parameters = [Parameter("limit", limit)];
                flow.Edges.Add(RuleEdge("check", "high"));
                flow.Edges.Add(new EdgeDefinition { Id = "e-low", From = "check", To = "low", IsDefault = true });
            });

    private static FlowBuilder Waiting(int limit) =>
        new FlowBuilder("waiting").Start().Approval("review", "bob").Node("check", NodeTypes.Condition)
            .End("high").End("low")
            .Chain("start", "review", "check")
            .Edge("check", "high", "form.share > params.limit", priority: 1)
            .Edge("check", "low", isDefault: true)
            .Configure(flow => flow.Parameters = [Parameter("limit", limit)]);

    private static EdgeDefinition RuleEdge(string from, string to) => new()
    {
        Id = $"e-{to}",
        From = from,
        To = to,
        Priority = 1,
        Condition = new Condition
        {
            Any =
            [
                new RuleGroup
                {
                    All = [new Rule { Field = "share", Operator = RuleOperators.GreaterThan, ValueField = "params.limit" }],
                },
            ],
        },
    };

    private static ParameterDefinition Parameter(string id, int value) =>
        new() { Id = id, Type = ParameterTypes.Number, Value = JsonValue.Create(value) };
}
