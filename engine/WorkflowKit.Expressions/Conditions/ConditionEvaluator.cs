using System.Runtime.CompilerServices;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Expressions.Conditions.Internal;

namespace WorkflowKit.Expressions;

/// <summary>
/// Evaluates <see cref="Condition"/>s: structured rules as compiled .NET predicates, JavaScript through the
/// <see cref="ScriptHost"/>. Thread-safe; one per application.
/// </summary>
/// <remarks>
/// <para>Rule semantics: numbers compare in decimal (a numeric string against a number is read as a number);
/// ISO 8601 dates and date-times compare as dates (a plain date against a date-time compares calendar dates);
/// other strings compare ordinally and case-sensitively; a missing field equals null. <c>gt</c>, <c>gte</c>,
/// <c>lt</c>, <c>lte</c> and <c>between</c> (both ends included) are false for a missing or incomparable value.
/// <c>in</c>/<c>notIn</c> take an array (a multi-select field is "in" when any of its items is);
/// <c>contains</c> finds a substring in a string or an equal item in an array; <c>isEmpty</c> holds for
/// missing, null, "", [] and {}.</para>
/// <para>A path through a sub-table, such as "lines.amount", holds when ANY row satisfies the rule (also for
/// negative operators: "lines.amount ne 5" holds when some row's amount is not 5). A sub-table without rows is
/// tested once as a missing value, so "lines.amount isEmpty" holds for it.</para>
/// <para>Compiled conditions are cached by reference: a <see cref="Condition"/> must not be changed after it
/// was first evaluated (published definitions never are).</para>
/// </remarks>
public sealed class ConditionEvaluator
{
    private readonly ScriptHost _scriptHost;
    private readonly ConditionalWeakTable<Condition, CompiledCondition> _compiled = [];
    private readonly ConditionalWeakTable<Condition, CompiledCondition>.CreateValueCallback _compile;

    public ConditionEvaluator(ScriptHost scriptHost)
    {
        ArgumentNullException.ThrowIfNull(scriptHost);
        _scriptHost = scriptHost;
        _compile = CompileCore;
    }

    /// <summary>Compiles a condition once (cached by reference) and returns the reusable result.</summary>
    /// <exception cref="ArgumentException">The condition sets both or neither of rules and JavaScript, uses an
    /// unknown operator, an empty field path, or "between" without two values.</exception>
    public CompiledCondition Compile(Condition condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return _compiled.GetValue(condition, _compile);
    }

    /// <summary>Evaluates a condition against the context.</summary>
    /// <exception cref="ArgumentException">The condition is malformed (see <see cref="Compile"/>).</exception>
    /// <exception cref="ScriptException">A JavaScript condition failed or hit a limit.</exception>
    public bool Evaluate(Condition condition, ConditionContext context, CancellationToken cancellationToken = default)
    {
        return Compile(condition).Evaluate(context, cancellationToken);
    }

    private CompiledCondition CompileCore(Condition condition)
    {
        var hasScript = !string.IsNullOrWhiteSpace(condition.JavaScript);
        if (hasScript == (condition.Any is not null))
        {
            throw new ArgumentException(
                hasScript
                    ? "The condition sets both rules (any) and javaScript; set exactly one of them."
                    : "The condition sets neither rules (any) nor javaScript; set exactly one of them.",
                nameof(condition));
        }

        if (hasScript)
        {
            return new CompiledCondition(condition.JavaScript!, _scriptHost);
        }

        var groups = new CompiledRule[condition.Any!.Count][];
        for (var g = 0; g < groups.Length; g++)
        {
            var rules = condition.Any[g]?.All
                ?? throw new ArgumentException($"Condition group {g + 1} is null; expected {{ \"all\": [...] }}.");
            groups[g] = new CompiledRule[rules.Count];
            for (var r = 0; r < rules.Count; r++)
            {
                groups[g][r] = CompiledRule.Compile(rules[r], $"Condition group {g + 1}, rule {r + 1}");
            }
        }

        return new CompiledCondition(groups);
    }
}
