using WorkflowKit.Runtime.Cli;

namespace WorkflowKit.Runtime.Tests.Cli;

public sealed class RuntimeCliTests
{
    [Test]
    public async Task Commands_RunToInstance_Work()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("leave").Start().Approval("approve", "bob").End().Chain("start", "approve", "end"));
        var input = Path.Combine(Path.GetTempPath(), $"wk-cli-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, """{"days": 2}""");
        var output = new StringWriter();
        var error = new StringWriter();
        var cli = new RuntimeCli(fx.Engine, output, error);

        try
        {
            Assert.That(await cli.RunAsync("leave", input, "alice", CancellationToken.None), Is.EqualTo(RuntimeCli.Ok));
            Assert.That(await cli.TasksAsync("bob", CancellationToken.None), Is.EqualTo(RuntimeCli.Ok));
            var task = (await fx.Engine.QueryTasksAsync(new Tasks.TaskQuery { Assignee = "bob" }, CancellationToken.None)).Single();
            Assert.That(
                await cli.CompleteAsync(task.Id, "approve", "bob", "fine", CancellationToken.None), Is.EqualTo(RuntimeCli.Ok));
            Assert.That(
                await cli.CompleteAsync(task.Id, "approve", "bob", null, CancellationToken.None), Is.EqualTo(RuntimeCli.Refused));
            Assert.That(await cli.InstanceAsync(task.InstanceId, CancellationToken.None), Is.EqualTo(RuntimeCli.Ok));
        }
        finally
        {
            File.Delete(input);
        }

        var text = output.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain(" by alice through the API or `workflowkit run` (trigger api)"));
            Assert.That(text, Does.Contain("waiting at approve (task)"));
            Assert.That(text, Does.Contain(": approve by bob (completed)."));
            Assert.That(text, Does.Contain("path: start > approve > end"));
            Assert.That(text, Does.Contain("task.approve @approve \"fine\""));
            Assert.That(error.ToString(), Does.Contain("is already completed"));
        });
    }

    [Test]
    public async Task Instance_names_run_now_starter()
    {
        await using var fx = await EngineFixture.CreateAsync();
        await Timers.ScheduleRunNowTests.PublishWatchAsync(fx, "0 2 * * *");
        var byHand = await fx.Engine.RunScheduleNowAsync("watch", "carol", CancellationToken.None);
        fx.Publish(new FlowBuilder("leave").Start().Approval("approve", "bob").End().Chain("start", "approve", "end"));
        var byForm = await fx.Engine.StartAsync(
            new Instances.StartInstanceRequest("leave", "alice") { TriggerKind = TriggerKinds.Form }, CancellationToken.None);
        var output = new StringWriter();
        var cli = new RuntimeCli(fx.Engine, output, new StringWriter());

        Assert.That(await cli.InstanceAsync(byHand.Id, CancellationToken.None), Is.EqualTo(RuntimeCli.Ok));
        Assert.That(await cli.InstanceAsync(byForm.Id, CancellationToken.None), Is.EqualTo(RuntimeCli.Ok));

        var lines = output.ToString().Split('\n').Where(line => line.StartsWith("  started ", StringComparison.Ordinal))
            .ToList();
        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(lines[0], Does.EndWith(" by carol with Run now (trigger schedule)"));
        Assert.That(lines[1], Does.EndWith(" by alice on the start form (trigger form)"));
    }

    [Test]
    public async Task Run_MissingInput_UsageError()
    {
        await using var fx = await EngineFixture.CreateAsync();
        var error = new StringWriter();
        var cli = new RuntimeCli(fx.Engine, new StringWriter(), error);

        var code = await cli.RunAsync("leave", "/nonexistent/form.json", "alice", CancellationToken.None);

        Assert.That(code, Is.EqualTo(RuntimeCli.Usage));
        Assert.That(error.ToString().Trim(), Is.EqualTo(
            "error: Input file '/nonexistent/form.json' does not exist; pass a JSON file of form data."));
    }

    [Test]
    public async Task Run_MalformedInput_NamesProblem()
    {
        await using var fx = await EngineFixture.CreateAsync();
        var input = Path.Combine(Path.GetTempPath(), $"wk-cli-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, "{\n  \"days\": 2,\n  \"reason\": \"家事\"，\n}");
        var error = new StringWriter();
        var cli = new RuntimeCli(fx.Engine, new StringWriter(), error);

        int code;
        try
        {
            code = await cli.RunAsync("leave", input, "alice", CancellationToken.None);
        }
        finally
        {
            File.Delete(input);
        }

        Assert.That(code, Is.EqualTo(RuntimeCli.InvalidData));
        Assert.That(error.ToString().Trim(), Is.EqualTo(
            $"error: Input file '{input}' is not valid JSON at line 3, column 17 (JSON path $): '，' is a full-width " +
            "character where JSON needs ','. Replace it with ','."));
    }

    [Test]
    public async Task Instance_Unknown_NotFound()
    {
        await using var fx = await EngineFixture.CreateAsync();
        var error = new StringWriter();

        var code = await new RuntimeCli(fx.Engine, new StringWriter(), error).InstanceAsync("nope", CancellationToken.None);

        Assert.That(code, Is.EqualTo(RuntimeCli.NotFound));
        Assert.That(error.ToString().Trim(), Is.EqualTo("error: Instance 'nope' does not exist; check the id."));
    }
}
