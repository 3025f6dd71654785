using WorkflowKit.Expressions.Conditions.Internal;

namespace WorkflowKit.Expressions;

/// <summary>
/// A condition ready to evaluate: structured rules compiled to .NET predicates (no JavaScript involved), or
/// a JavaScript expression run by the <see cref="ScriptHost"/>. Thread-safe; keep and reuse it.
/// </summary>
public sealed class CompiledCondition
{
    private readonly CompiledRule[][]? _groups;
    private readonly string? _javaScript;
    private readonly ScriptHost? _scriptHost;

    internal CompiledCondition(CompiledRule[][] groups)
    {
        _groups = groups;
    }

    internal CompiledCondition(string javaScript, ScriptHost scriptHost)
    {
        _javaScript = javaScript;
        _scriptHost = scriptHost;
    }

    /// <summary>True when the condition is JavaScript rather than structured rules.</summary>
    public bool IsScript => _javaScript is not null;

    /// <summary>
    /// Evaluates the condition: true when any group has all its rules holding (an empty list of groups is
    /// false, an empty group is true), or when the JavaScript expression is truthy.
    /// </summary>
    /// <exception cref="ScriptException">A JavaScript condition failed or hit a limit.</exception>
    public bool Evaluate(ConditionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_javaScript is not null)
        {
            return _scriptHost!.EvaluateBoolean(_javaScript, context.ToScriptScope(), cancellationToken);
        }

        var groups = _groups!;
        for (var g = 0; g < groups.Length; g++)
        {
            if (AllHold(groups[g], context))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AllHold(CompiledRule[] rules, ConditionContext context)
    {
        for (var r = 0; r < rules.Length; r++)
        {
            if (!rules[r].Evaluate(context))
            {
                return false;
            }
        }

        return true;
    }
}
