using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Runtime.Tests.Concurrency;

public sealed class CompleteRaceTests
{
    private const int Trials = 1000;

    [Test]
    public async Task Complete_TwoThreads_OneConflict()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("race")
            .Start()
            .Approval("approve", "bob")
            .Node("record", NodeTypes.CreateRecord, node =>
            {
                node.Form = "orders";
                node.Values = new() { ["trial"] = "form.trial" };
            })
            .End()
            .Chain("start", "approve", "record", "end"));
        var tasks = new List<WorkTask>();
        for (var trial = 0; trial < Trials; trial++)
        {
            var instance = await fx.StartAsync("race", "alice", $$"""{"trial": {{trial}}}""");
            tasks.AddRange(await fx.OpenTasksAsync(instance.Id));
        }

        var successes = 0;
        var conflicts = 0;
        foreach (var task in tasks)
        {
            using var gate = new Barrier(2);
            var outcomes = await Task.WhenAll(Attempt(fx, task, gate), Attempt(fx, task, gate));
            successes += outcomes.Count(outcome => outcome == "ok");
            conflicts += outcomes.Count(outcome => outcome == "conflict");
            Assert.That(outcomes.Order(), Is.EqualTo(new[] { "conflict", "ok" }), $"trial of task {task.Id}");
        }

        Assert.Multiple(async () =>
        {
            Assert.That(successes, Is.EqualTo(Trials));
            Assert.That(conflicts, Is.EqualTo(Trials));
            Assert.That(await fx.Records.CountRecordsAsync("orders"), Is.EqualTo(Trials));
            Assert.That(await fx.Records.CountWritesAsync("create"), Is.EqualTo(Trials));
        });
    }

    private static Task<string> Attempt(EngineFixture fx, WorkTask task, Barrier gate) => Task.Run(async () =>
    {
        gate.SignalAndWait();
        try
        {
            await fx.Engine.ActAsync(new TaskActionRequest(task.Id, "approve", "bob"), CancellationToken.None);
            return "ok";
        }
        catch (ConcurrencyConflictException)
        {
            return "conflict";
        }
    });
}
