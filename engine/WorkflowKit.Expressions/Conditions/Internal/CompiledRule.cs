using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Conditions;

namespace WorkflowKit.Expressions.Conditions.Internal;

/// <summary>
/// One structured rule compiled to a predicate: the field path is split, the operator resolved and a literal
/// value classified once, so evaluation only walks JSON and compares.
/// </summary>
internal sealed class CompiledRule
{
    private readonly FieldPath _field;
    private readonly RuleOp _op;
    private readonly RuleValue _literal;
    private readonly RuleValue[] _literalItems;
    private readonly FieldPath? _valueField;

    private CompiledRule(FieldPath field, RuleOp op, RuleValue literal, RuleValue[] literalItems, FieldPath? valueField)
    {
        _field = field;
        _op = op;
        _literal = literal;
        _literalItems = literalItems;
        _valueField = valueField;
    }

    public static CompiledRule Compile(Rule rule, string where)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var field = FieldPath.Parse(rule.Field, where);
        var op = OperatorOf(rule.Operator, where, rule.Field);
        if (rule.ValueField is not null && rule.ValueFrom is not null)
        {
            throw new ArgumentException(
                $"{where} (field \"{rule.Field}\") sets both valueField \"{rule.ValueField}\" and valueFrom "
                + $"\"{rule.ValueFrom}\"; set only one of them.");
        }

        FieldPath? valueField = null;
        if (rule.ValueField is not null)
        {
            valueField = FieldPath.Parse(rule.ValueField, where + " valueField");
        }
        else if (rule.ValueFrom is not null)
        {
            var path = rule.ValueFrom.StartsWith("user.", StringComparison.Ordinal)
                ? rule.ValueFrom
                : "user." + rule.ValueFrom;
            valueField = FieldPath.Parse(path, where + " valueFrom");
        }

        var literal = RuleValue.FromNode(rule.Value?.DeepClone());
        var items = ItemsOf(literal);
        if (op == RuleOp.Between && valueField is null && items.Length != 2)
        {
            throw new ArgumentException(
                $"{where} (field \"{rule.Field}\") uses \"between\" with value {rule.Value?.ToJsonString() ?? "null"}; "
                + "expected an array of two items [low, high] (both ends included).");
        }

        if (op is not (RuleOp.IsEmpty or RuleOp.IsNotEmpty) && valueField is null && rule.Value is null
            && op is not (RuleOp.Eq or RuleOp.Ne))
        {
            throw new ArgumentException(
                $"{where} (field \"{rule.Field}\") uses \"{rule.Operator}\" without a value; set value, "
                + "valueField or valueFrom.");
        }

        return new CompiledRule(field, op, literal, items, valueField);
    }

    /// <summary>
    /// True when the rule holds. A path through a sub-table ("lines.amount") holds when ANY row satisfies it;
    /// a sub-table without rows is tested once as a missing value.
    /// </summary>
    public bool Evaluate(ConditionContext context)
    {
        var root = _field.RootObject(context);
        return root is null ? Test(RuleValue.Missing, context) : Walk(root, 0, context);
    }

    private bool Walk(JsonNode? node, int segment, ConditionContext context)
    {
        var segments = _field.Segments;
        while (segment < segments.Length)
        {
            if (node is JsonObject obj)
            {
                if (!obj.TryGetPropertyValue(segments[segment], out node))
                {
                    return Test(RuleValue.Missing, context);
                }

                segment++;
            }
            else if (node is JsonArray rows && rows.Count > 0)
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    if (Walk(rows[i], segment, context))
                    {
                        return true;
                    }
                }

                return false;
            }
            else
            {
                return Test(RuleValue.Missing, context);
            }
        }

        return Test(RuleValue.FromNode(node), context);
    }

    private bool Test(in RuleValue value, ConditionContext context)
    {
        switch (_op)
        {
            case RuleOp.IsEmpty:
                return RuleComparer.IsEmpty(value);
            case RuleOp.IsNotEmpty:
                return !RuleComparer.IsEmpty(value);
            default:
                break;
        }

        var operand = Operand(context);
        switch (_op)
        {
            case RuleOp.Eq:
                return RuleComparer.Equal(value, operand);
            case RuleOp.Ne:
                return !RuleComparer.Equal(value, operand);
            case RuleOp.Gt:
                return RuleComparer.Compare(value, operand) > 0 && !value.IsNullOrMissing;
            case RuleOp.Gte:
                return RuleComparer.Compare(value, operand) >= 0 && !value.IsNullOrMissing;
            case RuleOp.Lt:
                return RuleComparer.Compare(value, operand) < 0 && !value.IsNullOrMissing;
            case RuleOp.Lte:
                return RuleComparer.Compare(value, operand) <= 0 && !value.IsNullOrMissing;
            case RuleOp.Between:
                return Between(value, context);
            case RuleOp.In:
                return In(value, operand);
            case RuleOp.NotIn:
                return !In(value, operand);
            case RuleOp.Contains:
                return RuleComparer.Contains(value, operand);
            case RuleOp.NotContains:
                return !RuleComparer.Contains(value, operand);
            case RuleOp.StartsWith:
                return RuleComparer.StartsWith(value, operand);
            case RuleOp.EndsWith:
                return RuleComparer.EndsWith(value, operand);
            default:
                return false;
        }
    }

    private RuleValue Operand(ConditionContext context)
    {
        if (_valueField is null)
        {
            return _literal;
        }

        return _valueField.TryResolve(context, out var node) ? RuleValue.FromNode(node) : RuleValue.Missing;
    }

    private bool Between(in RuleValue value, ConditionContext context)
    {
        if (value.IsNullOrMissing)
        {
            return false;
        }

        RuleValue low;
        RuleValue high;
        if (_valueField is null)
        {
            low = _literalItems[0];
            high = _literalItems[1];
        }
        else
        {
            var items = ItemsOf(Operand(context));
            if (items.Length != 2)
            {
                return false;
            }

            low = items[0];
            high = items[1];
        }

        return RuleComparer.Compare(value, low) >= 0 && RuleComparer.Compare(value, high) <= 0;
    }

    private bool In(in RuleValue value, in RuleValue operand)
    {
        var items = _valueField is null ? _literalItems : ItemsOf(operand);
        if (value.Kind == RuleValueKind.Array)
        {
            foreach (var element in (JsonArray)value.Node!)
            {
                if (Contains(items, RuleValue.FromNode(element)))
                {
                    return true;
                }
            }

            return false;
        }

        return Contains(items, value);
    }

    private static bool Contains(RuleValue[] items, in RuleValue value)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (RuleComparer.Equal(value, items[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static RuleValue[] ItemsOf(in RuleValue value)
    {
        if (value.Kind == RuleValueKind.Array)
        {
            var array = (JsonArray)value.Node!;
            var items = new RuleValue[array.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = RuleValue.FromNode(array[i]);
            }

            return items;
        }

        return value.IsNullOrMissing ? [] : [value];
    }

    private static RuleOp OperatorOf(string name, string where, string field) => name switch
    {
        RuleOperators.Equal => RuleOp.Eq,
        RuleOperators.NotEqual => RuleOp.Ne,
        RuleOperators.GreaterThan => RuleOp.Gt,
        RuleOperators.GreaterThanOrEqual => RuleOp.Gte,
        RuleOperators.LessThan => RuleOp.Lt,
        RuleOperators.LessThanOrEqual => RuleOp.Lte,
        RuleOperators.Between => RuleOp.Between,
        RuleOperators.In => RuleOp.In,
        RuleOperators.NotIn => RuleOp.NotIn,
        RuleOperators.Contains => RuleOp.Contains,
        RuleOperators.NotContains => RuleOp.NotContains,
        RuleOperators.StartsWith => RuleOp.StartsWith,
        RuleOperators.EndsWith => RuleOp.EndsWith,
        RuleOperators.IsEmpty => RuleOp.IsEmpty,
        RuleOperators.IsNotEmpty => RuleOp.IsNotEmpty,
        _ => throw new ArgumentException(
            $"{where} (field \"{field}\") uses operator \"{name}\"; expected one of "
            + $"{string.Join(", ", RuleOperators.All.Order(StringComparer.Ordinal))}."),
    };

    private enum RuleOp
    {
        Eq,
        Ne,
        Gt,
        Gte,
        Lt,
        Lte,
        Between,
        In,
        NotIn,
        Contains,
        NotContains,
        StartsWith,
        EndsWith,
        IsEmpty,
        IsNotEmpty,
    }
}
