using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowCore.Interface;

namespace WorkflowKit.Bench.Peer;

/// <summary>
/// Runs the order flow on WorkflowCore 3.22.0 with its in-memory persistence (the only one it
/// has here) and returns instances completed per second and the process's CPU milliseconds per
/// instance.
/// </summary>
public static class WorkflowCoreBenchmark
{
    public static async Task<(double InstancesPerSecond, double CpuMsPerInstance)> MeasureAsync(int instances)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddWorkflow();
        services.AddSingleton<PeerCompletion>();
        services.AddTransient<CreateRecord>();
        await using var provider = services.BuildServiceProvider();

        var host = provider.GetRequiredService<IWorkflowHost>();
        var completion = provider.GetRequiredService<PeerCompletion>();
        host.RegisterWorkflow<OrderWorkflow, OrderData>();
        await host.StartAsync(CancellationToken.None);
        try
        {
            // One warm-up instance so that start-up costs stay out of the rate.
            completion.Reset(1);
            await host.StartWorkflow("order", 1, NewOrder(0));
            await completion.Done.WaitAsync(TimeSpan.FromSeconds(30));

            completion.Reset(instances);
            var watch = Stopwatch.StartNew();
            var cpu = CpuTimer.Start();
            for (var i = 0; i < instances; i++)
            {
                await host.StartWorkflow("order", 1, NewOrder(i));
            }

            await completion.Done.WaitAsync(TimeSpan.FromMinutes(5));
            return (instances / watch.Elapsed.TotalSeconds, cpu.Cpu.TotalMilliseconds / instances);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static OrderData NewOrder(int i) => new()
    {
        Customer = $"C{i % 60:000}",
        Lines =
        [
            new OrderLine { Product = "P01", Quantity = 10, UnitPrice = 12.5m },
            new OrderLine { Product = "P02", Quantity = 3, UnitPrice = 99.9m },
            new OrderLine { Product = "P03", Quantity = 1, UnitPrice = 1500m },
        ],
    };
}
