using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Runtime.Hosting;

namespace WorkflowKit.Runtime.Tests.Nodes;

public sealed class HostedServiceTests
{
    [Test]
    public async Task HostedService_DueTimer_Fires()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(new FlowBuilder("wait")
            .Start().Node("pause", NodeTypes.Timer, node => node.Duration = "PT1H").End().Chain("start", "pause", "end"));
        var instance = await fx.StartAsync("wait");
        using var service = new WorkflowEngineHostedService(fx.Engine, fx.Time);

        await service.StartAsync(CancellationToken.None);
        fx.Time.Advance(TimeSpan.FromHours(1));
        for (var poll = 0; poll < 200 && (await fx.InstanceAsync(instance.Id)).Instance.Status == "running"; poll++)
        {
            fx.Time.Advance(fx.Options.PollInterval);
            await Task.Delay(10);
        }

        await service.StopAsync(CancellationToken.None);
        await fx.InstanceEndedWithAsync(instance.Id, "end");
    }

    [Test]
    public void AddRuntime_RegistersServices()
    {
        var services = new ServiceCollection();

        services.AddWorkflowKitRuntime(options => options.TimeZone = "Europe/Berlin");

        Assert.Multiple(() =>
        {
            Assert.That(services.Any(service => service.ServiceType == typeof(WorkflowEngine)), Is.True);
            Assert.That(services.Any(service => service.ImplementationType == typeof(WorkflowEngineHostedService)), Is.True);
            Assert.That(services.Single(service => service.ServiceType == typeof(EngineOptions)).ImplementationInstance,
                Is.InstanceOf<EngineOptions>().With.Property(nameof(EngineOptions.TimeZone)).EqualTo("Europe/Berlin"));
        });
    }
}
