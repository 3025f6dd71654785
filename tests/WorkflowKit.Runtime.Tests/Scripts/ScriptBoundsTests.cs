using WorkflowKit.Runtime.Incidents;

namespace WorkflowKit.Runtime.Tests.Scripts;

/// <summary>A bad script faults its own instance with a readable incident; the engine keeps serving others.</summary>
public sealed class ScriptBoundsTests
{
    private static IEnumerable<TestCaseData> BadScripts()
    {
        yield return new TestCaseData("while (true) {}", @"ScriptLimits\.(MaxStatements|TimeLimit)").SetName("Script_EndlessLoop_Incident");
        yield return new TestCaseData("function f(n) { return f(n + 1); } f(0);", @"ScriptLimits\.MaxRecursionDepth")
            .SetName("Script_DeepRecursion_Incident");
        yield return new TestCaseData("'x'.repeat(1024 * 1024 * 1024).length", @"ScriptLimits\.MemoryLimitBytes")
            .SetName("Script_HugeString_Incident");
        yield return new TestCaseData("/^(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!')", @"ScriptLimits\.RegexTimeout")
            .SetName("Script_CatastrophicRegex_Incident");
        yield return new TestCaseData("importNamespace('System.IO').File.ReadAllText('/etc/passwd')", "importNamespace is not defined")
            .SetName("Script_ImportNamespace_Incident");
    }

    [TestCaseSource(nameof(BadScripts))]
    public async Task BadScript_FaultsOnlyItsInstance(string script, string limit)
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("bad").Start().Script("run", script).End().Chain("start", "run", "end"));
        fx.Publish(new FlowBuilder("good").Start().Script("calc", "form.total = 0.1 + 0.2").End().Chain("start", "calc", "end"));

        var bad = await fx.StartAsync("bad");
        var good = await fx.StartAsync("good");

        var incident = (await fx.InstanceAsync(bad.Id)).Incidents.Single();
        Assert.Multiple(async () =>
        {
            Assert.That(incident.Kind, Is.EqualTo(IncidentKinds.Script));
            Assert.That(incident.NodeId, Is.EqualTo("run"));
            Assert.That(incident.Message, Does.StartWith("Node 'run' (script): script failed: "));
            Assert.That(incident.Message, Does.Match(limit));
            Assert.That((await fx.InstanceAsync(bad.Id)).Instance.Status, Is.EqualTo(InstanceStatuses.Running));
            Assert.That((await fx.InstanceAsync(good.Id)).Instance.Form["total"]!.GetValue<decimal>(), Is.EqualTo(0.3m));
        });
        await fx.InstanceEndedWithAsync(good.Id, "end");
        var history = await fx.Engine.GetHistoryAsync(bad.Id, CancellationToken.None);
        var raised = history.Single(entry => entry.Action == "incident.raised");
        Assert.That(raised.Details!["message"]!.GetValue<string>(), Is.EqualTo(incident.Message));
    }

    [Test]
    public async Task ScriptIncident_RetryAfterFlowFix_StaysFaulted_UntilDataChanges()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("divide")
            .Start().Script("calc", "if (!form.qty) throw new Error('qty is required'); form.unit = form.total / form.qty;")
            .End().Chain("start", "calc", "end"));
        var instance = await fx.StartAsync("divide", form: """{"total": 10, "qty": 0}""");

        var incident = (await fx.InstanceAsync(instance.Id)).Incidents.Single();

        Assert.That(incident.Message, Does.Contain("qty is required"));
        await fx.Engine.RetryIncidentAsync(incident.Id, "admin", CancellationToken.None);
        var again = (await fx.InstanceAsync(instance.Id)).Incidents.Single();
        Assert.That(again.Id, Is.Not.EqualTo(incident.Id));
    }
}
