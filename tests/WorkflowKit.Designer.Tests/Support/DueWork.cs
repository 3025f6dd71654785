using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Runtime;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>Runs the engine's due work of a designer app on a fake clock until a condition holds.</summary>
internal static class DueWork
{
    /// <summary>
    /// Runs due work until <paramref name="done"/> returns true, for at most 30 seconds. The app's own background
    /// worker may hold a due timer's lease, so a round that handles nothing does not mean the work is finished.
    /// </summary>
    public static async Task RunUntilAsync(IServiceProvider services, Func<Task<bool>> done, string awaitedWork)
    {
        var engine = services.GetRequiredService<WorkflowEngine>();
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await engine.RunDueWorkAsync(default);
            if (await done())
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Due work did not finish within 30 seconds: {awaitedWork}.");
    }
}
