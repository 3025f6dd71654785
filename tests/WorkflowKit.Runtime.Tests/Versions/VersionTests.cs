namespace WorkflowKit.Runtime.Tests.Versions;

public sealed class VersionTests
{
    [Test]
    public async Task PublishV2_RunningV1_StaysOnV1()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("credit").Start().Approval("review", "bob").End("end-v1").Chain("start", "review", "end-v1"));
        var old = await fx.StartAsync("credit");

        fx.Publish(new FlowBuilder("credit")
            .Start().Approval("review", "carol").Approval("second", "dave").End("end-v2")
            .Chain("start", "review", "second", "end-v2"));
        fx.Restart();
        var fresh = await fx.StartAsync("credit");

        Assert.Multiple(() =>
        {
            Assert.That(old.FlowVersion, Is.EqualTo(1));
            Assert.That(fresh.FlowVersion, Is.EqualTo(2));
        });
        await fx.ActAsync(await fx.TaskAssignedToAsync(old.Id, "review", "bob"), "approve");
        await fx.InstanceEndedWithAsync(old.Id, "end-v1");

        await fx.ActAsync(await fx.TaskAssignedToAsync(fresh.Id, "review", "carol"), "approve");
        await fx.ActAsync(await fx.TaskAssignedToAsync(fresh.Id, "second", "dave"), "approve");
        await fx.InstanceEndedWithAsync(fresh.Id, "end-v2");
    }

    [Test]
    public async Task Start_ExplicitVersion_RunsIt()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("credit").Start().End("end-v1").Chain("start", "end-v1"));
        fx.Publish(new FlowBuilder("credit").Start().End("end-v2").Chain("start", "end-v2"));

        var pinned = await fx.Engine.StartAsync(
            new Instances.StartInstanceRequest("credit", "alice") { FlowVersion = 1 }, CancellationToken.None);

        await fx.InstanceEndedWithAsync(pinned.Id, "end-v1");
    }

    [Test]
    public async Task Start_UnknownFlow_NotFound()
    {
        await using var fx = await EngineFixture.CreateAsync();

        var error = Assert.ThrowsAsync<KeyNotFoundException>(() => fx.StartAsync("missing"));

        Assert.That(error!.Message, Is.EqualTo("Flow 'missing' is not published; publish it before starting instances."));
    }
}
