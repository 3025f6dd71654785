using System.Collections.Concurrent;
using System.Net.Http.Json;
using WorkflowKit.Bench.Engine;
using WorkflowKit.Runtime.Instances;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Bench.Http;

/// <summary>
/// Section "http": 200 concurrent clients approve open tasks of the standard flow through the
/// REST endpoint on 127.0.0.1, each approval also creating the shipment record and ending the
/// instance. Any answer but 204 No Content, and any failed request, counts as an error.
/// </summary>
public static class HttpSection
{
    private const int Clients = 200;

    public static async Task RunAsync(BenchOptions options, BenchPlan plan, BenchReport report)
    {
        await using var bench = await BenchEngine.CreateAsync(options.WorkDirectory, "http");
        var open = await OpenTasksAsync(bench, plan.HttpTasks);
        await using var host = await TaskApiHost.StartAsync(bench.Engine);
        report.Note("http.endpoint",
            "minimal Kestrel endpoint in the benchmark calling WorkflowEngine.ActAsync (the designer's API does not " +
            "run on the engine yet)");

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients })
        {
            BaseAddress = host.Address,
            Timeout = TimeSpan.FromSeconds(100),
        };
        var latency = new Latency();
        long errors = 0;
        var firstError = (string?)null;
        var timer = Latency.StartTiming();
        var workers = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (open.TryDequeue(out var task))
            {
                var one = Latency.StartTiming();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{task.Id}/actions")
                    {
                        Content = JsonContent.Create(new { action = TaskActions.Approve }),
                    };
                    request.Headers.Add(TaskApiHost.UserHeader, task.Assignee);
                    using var response = await client.SendAsync(request);
                    if (response.StatusCode != System.Net.HttpStatusCode.NoContent)
                    {
                        Interlocked.Increment(ref errors);
                        firstError ??= $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                    }
                }
                catch (HttpRequestException exception)
                {
                    Interlocked.Increment(ref errors);
                    firstError ??= exception.Message;
                }

                latency.Record(one.Elapsed);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = timer.Elapsed;

        report.Add("http.clients", Clients, "clients");
        report.Add("http.tasksPerSecond", latency.Count / elapsed.TotalSeconds, "tasks/s");
        report.Add("http.p50", latency.Percentile(50), "ms");
        report.Add("http.p95", latency.Percentile(95), "ms", Target.Maximum(100));
        report.Add("http.errors", errors, "errors", Target.Maximum(0));
        if (firstError is not null)
        {
            report.Note("http.firstError", firstError);
        }
    }

    /// <summary>Starts instances of the standard flow with 8 drivers until <paramref name="count"/> tasks are open.</summary>
    private static async Task<ConcurrentQueue<WorkTask>> OpenTasksAsync(BenchEngine bench, int count)
    {
        var open = new ConcurrentQueue<WorkTask>();
        long started = 0;
        var workers = Enumerable.Range(0, 8).Select(driver => Task.Run(async () =>
        {
            long sequence;
            while ((sequence = Interlocked.Increment(ref started)) <= count)
            {
                var initiator = BenchOrganization.Staff(
                    driver % BenchOrganization.Departments, (int)(sequence % BenchOrganization.StaffPerDepartment));
                var instance = await bench.Engine.StartAsync(
                    new StartInstanceRequest(OrderDefinitions.ApprovalFlow, initiator)
                    {
                        Form = OrderDefinitions.NewOrder((int)sequence),
                    },
                    CancellationToken.None);
                var tasks = await bench.Engine.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id }, CancellationToken.None);
                open.Enqueue(tasks.Single());
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return open;
    }
}
