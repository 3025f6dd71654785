namespace WorkflowKit.Bench.Conditions;

/// <summary>
/// Section "conditions": the credit check as rules, as JavaScript and as a C# delegate, per CPU
/// second of one thread (one core) and per wall-clock second.
/// </summary>
public static class ConditionSection
{
    public static void Run(BenchPlan plan, BenchReport report)
    {
        var rates = ConditionBenchmark.Measure(plan.ConditionRun);
        foreach (var rate in rates)
        {
            report.Add($"conditions.{rate.Name}.perCpuSecond", rate.PerCpuSecond, "evals/s",
                rate.Name == "ruleBuilder" ? Target.Minimum(1_000_000) : null);
            report.Add($"conditions.{rate.Name}.perWallSecond", rate.PerWallSecond, "evals/s");
        }

        var compiled = rates.Single(rate => rate.Name == "compiledDelegate").PerCpuSecond;
        foreach (var rate in rates.Where(rate => rate.Name != "compiledDelegate"))
        {
            report.Add($"conditions.{rate.Name}.vsCompiledDelegate", rate.PerCpuSecond / compiled, "ratio");
        }
    }
}
