namespace WorkflowKit.Bench;

/// <summary>
/// How long and how big each section runs: the quick plan is sized to finish in under a minute on two idle
/// cores; the full plan in under fifteen, of which the soak takes ten. The full plan's shorter sections run
/// long enough for their rates to settle (flow 15 s per driver count, peer 10 s), which a quiet run has to confirm.
/// </summary>
public sealed record BenchPlan
{
    public required TimeSpan Ceiling { get; init; }

    public required TimeSpan FlowRun { get; init; }

    public required int FlowWarmUp { get; init; }

    public required int PeerInstances { get; init; }

    public required TimeSpan PeerRun { get; init; }

    public required TimeSpan ConditionRun { get; init; }

    public required TimeSpan FormRun { get; init; }

    public required int ScaleInstances { get; init; }

    public required int ScaleOpenTasks { get; init; }

    public required int ScaleQueries { get; init; }

    /// <summary>Approvals of the closed-loop HTTP run.</summary>
    public required int HttpTasks { get; init; }

    /// <summary>Length of the open-loop HTTP run at its fixed arrival rate.</summary>
    public required TimeSpan HttpOpenLoop { get; init; }

    public required TimeSpan Soak { get; init; }

    public static BenchPlan For(bool quick) => quick
        ? new BenchPlan
        {
            Ceiling = TimeSpan.FromSeconds(2),
            FlowRun = TimeSpan.FromSeconds(3),
            FlowWarmUp = 100,
            PeerInstances = 2_000,
            PeerRun = TimeSpan.FromSeconds(3),
            ConditionRun = TimeSpan.FromSeconds(1),
            FormRun = TimeSpan.FromSeconds(1),
            ScaleInstances = 100_000,
            ScaleOpenTasks = 10_000,
            ScaleQueries = 100,
            HttpTasks = 400,
            HttpOpenLoop = TimeSpan.FromSeconds(4),
            Soak = TimeSpan.FromSeconds(10),
        }
        : new BenchPlan
        {
            Ceiling = TimeSpan.FromSeconds(5),
            FlowRun = TimeSpan.FromSeconds(15),
            FlowWarmUp = 500,
            PeerInstances = 10_000,
            PeerRun = TimeSpan.FromSeconds(10),
            ConditionRun = TimeSpan.FromSeconds(2),
            FormRun = TimeSpan.FromSeconds(3),
            ScaleInstances = 1_000_000,
            ScaleOpenTasks = 100_000,
            ScaleQueries = 1_000,
            HttpTasks = 5_000,
            HttpOpenLoop = TimeSpan.FromSeconds(30),
            Soak = TimeSpan.FromMinutes(10),
        };
}
