using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Bench.Engine;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Bench.Http;

/// <summary>
/// Section "http": managers approve open tasks of the standard flow through the designer's REST API
/// (<c>POST /api/tasks/{id}/actions</c> with an <c>X-Api-Key</c> header, <see cref="DesignerApiHost"/>), each
/// approval also creating the shipment record and ending the instance. Two runs:
/// <list type="bullet">
/// <item>closed loop: 200 clients, each sending its next request as soon as the previous one returns. The
/// clients keep 200 requests in flight, so latency is 200 divided by the throughput (Little's law): it measures
/// how fast the server drains a queue, not what one request costs.</item>
/// <item>open loop: requests arrive on a fixed schedule, as 200 users who each approve a task every
/// <see cref="OpenLoopUserPeriod"/> would send them, whether or not earlier requests have returned. Latency runs
/// from the scheduled time, so queueing behind a slow server counts. The p95 target is judged on this run.</item>
/// </list>
/// Any response but 204 No Content, and any failed request, counts as an error.
/// </summary>
public static class HttpSection
{
    private const int Clients = 200;

    /// <summary>How often each of the 200 open-loop users approves a task, so 50 requests per second in all.</summary>
    private static readonly TimeSpan OpenLoopUserPeriod = TimeSpan.FromSeconds(4);

    public static async Task RunAsync(BenchOptions options, BenchPlan plan, BenchReport report)
    {
        var setup = Latency.StartTiming();
        await using var host = await DesignerApiHost.StartAsync(options.WorkDirectory, options.SqliteSynchronous);
        report.Add("http.startSeconds", setup.Elapsed.TotalSeconds, "s");
        report.Note("http.endpoint",
            "the designer's REST API (AddWorkflowKitDesigner, API-key authentication, IWorkService) on Kestrel " +
            "at 127.0.0.1, SQLite file in the work directory");
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients })
        {
            BaseAddress = host.Address,
            Timeout = TimeSpan.FromSeconds(100),
        };

        var openLoopTasks = (int)(plan.HttpOpenLoop.TotalSeconds * Clients / OpenLoopUserPeriod.TotalSeconds);
        setup.Restart();
        var open = await OpenTasksAsync(host, plan.HttpTasks + openLoopTasks);
        report.Add("http.openTasksSeconds", setup.Elapsed.TotalSeconds, "s");
        var closedLoop = new ApprovalClient(client, host.ApiKeys);
        var cpu = CpuTimer.Start();
        var timer = Latency.StartTiming();
        var remaining = plan.HttpTasks;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0 && open.TryDequeue(out var task))
            {
                var one = Latency.StartTiming();
                await closedLoop.ApproveAsync(task);
                closedLoop.Latency.Record(one.Elapsed);
            }
        })));
        var elapsed = timer.Elapsed;
        report.Add("http.closedLoop.clients", Clients, "clients");
        report.Add("http.closedLoop.tasksPerSecond", closedLoop.Latency.Count / elapsed.TotalSeconds, "tasks/s");
        report.Add("http.closedLoop.p50", closedLoop.Latency.Percentile(50), "ms");
        report.Add("http.closedLoop.p95", closedLoop.Latency.Percentile(95), "ms");
        report.Add("http.closedLoop.cpuMsPerTask", cpu.Cpu.TotalMilliseconds / closedLoop.Latency.Count, "ms");
        report.Add("http.closedLoop.errors", closedLoop.Errors, "errors", Target.Maximum(0));

        var rate = Clients / OpenLoopUserPeriod.TotalSeconds;
        report.Note("http.openLoop.arrivals", string.Create(CultureInfo.InvariantCulture,
            $"{Clients} users, each approving one task every {OpenLoopUserPeriod.TotalSeconds:0} s: {rate:0} " +
            $"requests/s for {plan.HttpOpenLoop.TotalSeconds:0} s, latency from each request's scheduled time"));
        var openLoop = new ApprovalClient(client, host.ApiKeys);
        cpu = CpuTimer.Start();
        var requests = new List<Task>(openLoopTasks);
        var start = Latency.StartTiming();
        for (var i = 0; i < openLoopTasks && open.TryDequeue(out var task); i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - start.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            requests.Add(Task.Run(async () =>
            {
                await openLoop.ApproveAsync(task);
                openLoop.Latency.Record(start.Elapsed - due);
            }));
        }

        await Task.WhenAll(requests);
        report.Add("http.openLoop.requestsPerSecond", rate, "requests/s");
        report.Add("http.openLoop.p50", openLoop.Latency.Percentile(50), "ms");
        report.Add("http.openLoop.p95", openLoop.Latency.Percentile(95), "ms", Target.Maximum(100));
        var openLoopCpu = cpu.Cpu.TotalMilliseconds / Math.Max(openLoop.Latency.Count, 1);
        report.Add("http.openLoop.cpuMsPerTask", openLoopCpu, "ms");
        report.Add("http.openLoop.errors", openLoop.Errors, "errors", Target.Maximum(0));

        if ((closedLoop.FirstError ?? openLoop.FirstError) is { } firstError)
        {
            report.Note("http.firstError", firstError);
        }
    }

    /// <summary>
    /// Starts instances of the standard flow on the designer's engine with 8 drivers until <paramref name="count"/>
    /// tasks are open, each assigned to the manager of its initiator's department. Starting is not measured, so it
    /// calls the engine directly rather than the API.
    /// </summary>
    private static async Task<ConcurrentQueue<WorkTask>> OpenTasksAsync(DesignerApiHost host, int count)
    {
        var engine = host.Services.GetRequiredService<WorkflowEngine>();
        var open = new ConcurrentQueue<WorkTask>();
        long started = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(driver => Task.Run(async () =>
        {
            long sequence;
            while ((sequence = Interlocked.Increment(ref started)) <= count)
            {
                var instance = await engine.StartAsync(
                    new StartInstanceRequest(
                        OrderDefinitions.ApprovalFlow, DesignerApiHost.Initiator(driver, (int)sequence))
                    {
                        Form = OrderDefinitions.NewOrder((int)sequence),
                    },
                    CancellationToken.None);
                var tasks = await engine.QueryTasksAsync(
                    new TaskQuery { InstanceId = instance.Id }, CancellationToken.None);
                open.Enqueue(tasks.Single());
            }
        })));
        return open;
    }
}
