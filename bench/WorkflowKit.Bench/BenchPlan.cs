namespace WorkflowKit.Bench;

/// <summary>
/// How long and how big each section runs: the quick plan finishes in under a minute on two idle
/// cores; the full plan in under fifteen, most of it the ten-minute soak.
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

    public required int HttpTasks { get; init; }

    public required TimeSpan Soak { get; init; }

    public static BenchPlan For(bool quick) => quick
        ? new BenchPlan
        {
            Ceiling = TimeSpan.FromSeconds(2),
            FlowRun = TimeSpan.FromSeconds(4),
            FlowWarmUp = 100,
            PeerInstances = 2_000,
            PeerRun = TimeSpan.FromSeconds(3),
            ConditionRun = TimeSpan.FromSeconds(1),
            FormRun = TimeSpan.FromSeconds(1),
            ScaleInstances = 100_000,
            ScaleOpenTasks = 10_000,
            ScaleQueries = 200,
            HttpTasks = 1_000,
            Soak = TimeSpan.FromSeconds(20),
        }
        : new BenchPlan
        {
            Ceiling = TimeSpan.FromSeconds(10),
            FlowRun = TimeSpan.FromSeconds(30),
            FlowWarmUp = 500,
            PeerInstances = 20_000,
            PeerRun = TimeSpan.FromSeconds(20),
            ConditionRun = TimeSpan.FromSeconds(3),
            FormRun = TimeSpan.FromSeconds(5),
            ScaleInstances = 1_000_000,
            ScaleOpenTasks = 100_000,
            ScaleQueries = 1_000,
            HttpTasks = 10_000,
            Soak = TimeSpan.FromMinutes(10),
        };
}
