using System.Text.Json.Nodes;
using WorkflowKit.Bench.Engine;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Expressions;

namespace WorkflowKit.Bench.Conditions;

/// <summary>
/// Evaluations per second of the credit check (no overdue payments and the total within the
/// credit limit) three ways: as rule-builder rules compiled by the <see cref="ConditionEvaluator"/>,
/// as the same predicate in JavaScript through the <see cref="ScriptHost"/>, and as a compiled C#
/// delegate that reads the same JSON form.
/// </summary>
public static class ConditionBenchmark
{
    public const string JavaScript = "overdueCount == 0 && total <= creditLimit";

    public static IReadOnlyList<ConditionRate> Measure(TimeSpan duration)
    {
        var evaluator = new ConditionEvaluator(new ScriptHost());
        var form = OrderDefinitions.NewOrder(7);
        var context = new ConditionContext { Form = form, Vars = [] };
        var rules = evaluator.Compile(OrderDefinitions.CreditCheck());
        var script = evaluator.Compile(Condition.Script(JavaScript));
        Func<JsonObject, bool> compiled = data =>
            data["overdueCount"]!.GetValue<int>() == 0
            && data["total"]!.GetValue<decimal>() <= data["creditLimit"]!.GetValue<decimal>();

        Check(rules.Evaluate(context), script.Evaluate(context), compiled(form));
        return
        [
            Run("ruleBuilder", duration, () => rules.Evaluate(context)),
            Run("javaScript", duration, () => script.Evaluate(context)),
            Run("compiledDelegate", duration, () => compiled(form)),
        ];
    }

    private static void Check(bool rules, bool script, bool compiled)
    {
        if (!(rules && script && compiled))
        {
            throw new InvalidOperationException(
                $"The three forms of the credit check should all hold for the benchmark order; rules gave {rules}, " +
                $"JavaScript {script}, the C# delegate {compiled}.");
        }
    }

    private static ConditionRate Run(string name, TimeSpan duration, Func<bool> evaluate)
    {
        for (var i = 0; i < 1_000; i++)
        {
            evaluate();
        }

        var timer = CpuTimer.Start();
        long count = 0;
        var held = 0L;
        while (timer.Wall < duration)
        {
            for (var i = 0; i < 256; i++)
            {
                held += evaluate() ? 1 : 0;
            }

            count += 256;
        }

        var wall = timer.Wall;
        var cpu = timer.Cpu;
        return held == count
            ? new ConditionRate(name, count / wall.TotalSeconds, count / cpu.TotalSeconds)
            : throw new InvalidOperationException($"The {name} condition stopped holding during the run.");
    }
}
