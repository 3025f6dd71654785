using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using WorkflowKit.Expressions.Conditions.Internal;
using WorkflowKit.Expressions.Internal;

namespace WorkflowKit.Expressions.Formulas.Internal;

/// <summary>Evaluates a parsed formula in decimal against one <see cref="FormulaContext"/>.</summary>
internal sealed class FormulaEvaluator
{
    private readonly string _formula;
    private readonly FormulaContext _context;
    private readonly DateTimeOffset _now;

    public FormulaEvaluator(string formula, FormulaContext context, DateTimeOffset now)
    {
        _formula = formula;
        _context = context;
        _now = now;
    }

    public FormulaValue Evaluate(FormulaNode node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return node.Kind switch
        {
            FormulaNodeKind.Number => FormulaValue.FromNumber(node.Number),
            FormulaNodeKind.Text => FormulaValue.FromText(node.Text),
            FormulaNodeKind.Boolean => FormulaValue.FromBoolean(node.Boolean),
            FormulaNodeKind.Field => ReadField(node.Path),
            FormulaNodeKind.Unary => Unary(node),
            FormulaNodeKind.Binary => Binary(node),
            FormulaNodeKind.Call => Call(node),
            _ => throw new InvalidOperationException($"Unknown formula node kind {node.Kind}."),
        };
    }

    private FormulaValue ReadField(string[] path)
    {
        JsonNode? root = _context.Form;
        var start = 0;
        if (path[0] == "row" && path.Length > 1)
        {
            root = _context.Row;
            start = 1;
        }
        else if (_context.Row is { } row && row.ContainsKey(path[0]))
        {
            // Inside a sub-table a bare name is a column of the current row, so "quantity * unitPrice" computes the
            // row's amount. NOTE: a column the row has no value for is read from the form, where a field of the same
            // id would be found.
            root = row;
        }

        return Resolve(root, path, start);
    }

    private static FormulaValue Resolve(JsonNode? node, string[] path, int index)
    {
        while (index < path.Length)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (!obj.TryGetPropertyValue(path[index], out node))
                    {
                        return FormulaValue.Blank;
                    }

                    index++;
                    break;
                case JsonArray rows:
                    var column = new FormulaValue[rows.Count];
                    for (var i = 0; i < column.Length; i++)
                    {
                        column[i] = Resolve(rows[i], path, index);
                    }

                    return FormulaValue.FromList(column);
                default:
                    return FormulaValue.Blank;
            }
        }

        return FormulaValue.FromJson(node);
    }

    private FormulaValue Unary(FormulaNode node)
    {
        var operand = ToNumber(Evaluate(node.Arguments[0]), node.Arguments[0]);
        return FormulaValue.FromNumber(node.Text == "-" ? -operand : operand);
    }

    private FormulaValue Binary(FormulaNode node)
    {
        var left = Evaluate(node.Arguments[0]);
        var right = Evaluate(node.Arguments[1]);
        switch (node.Text)
        {
            case "&":
                return FormulaValue.FromText(left.ToDisplayText() + right.ToDisplayText());
            case "=" or "==":
                return FormulaValue.FromBoolean(Compare(left, right) == 0);
            case "<>" or "!=":
                return FormulaValue.FromBoolean(Compare(left, right) != 0);
            case "<":
                return FormulaValue.FromBoolean(Compare(left, right) < 0);
            case "<=":
                return FormulaValue.FromBoolean(Compare(left, right) <= 0);
            case ">":
                return FormulaValue.FromBoolean(Compare(left, right) > 0);
            case ">=":
                return FormulaValue.FromBoolean(Compare(left, right) >= 0);
            default:
                break;
        }

        var x = ToNumber(left, node.Arguments[0]);
        var y = ToNumber(right, node.Arguments[1]);
        if (y == 0 && node.Text is "/" or "%")
        {
            throw Fail(node, $"Division by zero at column {node.Column}; guard it, for example IF(b = 0, 0, a / b)");
        }

        try
        {
            return FormulaValue.FromNumber(node.Text switch
            {
                "+" => x + y,
                "-" => x - y,
                "*" => x * y,
                "/" => x / y,
                _ => x % y,
            });
        }
        catch (OverflowException exception)
        {
            throw Fail(node, $"The result of '{node.Text}' at column {node.Column} is outside the decimal range "
                + "(about ±7.9e28)", exception);
        }
    }

    private FormulaValue Call(FormulaNode node)
    {
        var args = node.Arguments;
        switch (node.Text)
        {
            case "IF":
                var chosen = IsTrue(Evaluate(args[0])) ? 1 : 2;
                return chosen < args.Length ? Evaluate(args[chosen]) : FormulaValue.Blank;
            case "AND":
                return FormulaValue.FromBoolean(Flatten(args).All(IsTrue));
            case "OR":
                return FormulaValue.FromBoolean(Flatten(args).Any(IsTrue));
            case "NOT":
                return FormulaValue.FromBoolean(!IsTrue(Evaluate(args[0])));
            case "ISEMPTY":
                return FormulaValue.FromBoolean(Evaluate(args[0]).IsEmpty);
            case "SUM":
                return FormulaValue.FromNumber(Sum(Numbers(node)));
            case "AVG":
                var numbers = Numbers(node);
                return numbers.Count == 0 ? FormulaValue.Blank : FormulaValue.FromNumber(Sum(numbers) / numbers.Count);
            case "MIN":
                var forMin = Numbers(node);
                return FormulaValue.FromNumber(forMin.Count == 0 ? 0m : forMin.Min());
            case "MAX":
                var forMax = Numbers(node);
                return FormulaValue.FromNumber(forMax.Count == 0 ? 0m : forMax.Max());
            case "COUNT":
                return FormulaValue.FromNumber(Flatten(args).Count(value => !value.IsEmpty));
            case "ROUND":
                var digits = args.Length > 1 ? (int)Math.Clamp(Math.Truncate(NumberArg(args[1])), -28, 28) : 0;
                return FormulaValue.FromNumber(DecimalMath.RoundDecimal(NumberArg(args[0]), digits));
            case "ABS":
                return FormulaValue.FromNumber(Math.Abs(NumberArg(args[0])));
            case "CONCAT":
                return FormulaValue.FromText(string.Concat(Flatten(args).Select(value => value.ToDisplayText())));
            case "TODAY":
                var local = TimeZoneInfo.ConvertTime(_now, _context.TimeZone);
                return FormulaValue.FromText(DateOnly.FromDateTime(local.DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            case "DAYS":
                return Days(node);
            case "ADDDAYS":
                return AddDays(node);
            case "TEXT":
                return Text(node);
            default:
                throw new InvalidOperationException($"Function {node.Text} has no implementation.");
        }
    }

    private FormulaValue Days(FormulaNode node)
    {
        var end = Evaluate(node.Arguments[0]);
        var start = Evaluate(node.Arguments[1]);
        if (end.IsEmpty || start.IsEmpty)
        {
            return FormulaValue.Blank;
        }

        var days = DateArg(end, node.Arguments[0]).Date.DayNumber - DateArg(start, node.Arguments[1]).Date.DayNumber;
        return FormulaValue.FromNumber(days);
    }

    private FormulaValue AddDays(FormulaNode node)
    {
        var value = Evaluate(node.Arguments[0]);
        if (value.IsEmpty)
        {
            return FormulaValue.Blank;
        }

        var date = DateArg(value, node.Arguments[0]);
        var days = NumberArg(node.Arguments[1]);
        if (date.DateOnly)
        {
            return FormulaValue.FromText(date.Date.AddDays((int)Math.Truncate(days))
                .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return FormulaValue.FromText(date.Instant.AddDays((double)days).ToString("o", CultureInfo.InvariantCulture));
    }

    private FormulaValue Text(FormulaNode node)
    {
        var value = Evaluate(node.Arguments[0]);
        if (node.Arguments.Length == 1)
        {
            return FormulaValue.FromText(value.ToDisplayText());
        }

        var format = Evaluate(node.Arguments[1]).ToDisplayText();
        try
        {
            if (value.Kind == FormulaValueKind.Number)
            {
                return FormulaValue.FromText(value.Number.ToString(format, CultureInfo.InvariantCulture));
            }

            if (value.Kind == FormulaValueKind.Text && TryParseDate(value.Text!, out var date))
            {
                return FormulaValue.FromText(date.DateOnly
                    ? date.Date.ToString(format, CultureInfo.InvariantCulture)
                    : date.Instant.ToString(format, CultureInfo.InvariantCulture));
            }
        }
        catch (FormatException exception)
        {
            throw Fail(node, $"TEXT at column {node.Column} has format '{format}' that .NET cannot apply; use a "
                + "custom format such as \"0.00\" or \"yyyy-MM-dd\"", exception);
        }

        return FormulaValue.FromText(value.ToDisplayText());
    }

    private int Compare(in FormulaValue left, in FormulaValue right)
    {
        if (left.Kind == FormulaValueKind.Blank && right.Kind == FormulaValueKind.Blank)
        {
            return 0;
        }

        if (IsNumeric(left) && IsNumeric(right))
        {
            return NumberOf(left).CompareTo(NumberOf(right));
        }

        var x = left.ToDisplayText();
        var y = right.ToDisplayText();
        return RuleComparer.TryCompareDates(x, y, out var dates) ? dates : Math.Sign(string.CompareOrdinal(x, y));
    }

    private static bool IsNumeric(in FormulaValue value) => value.Kind switch
    {
        FormulaValueKind.Number or FormulaValueKind.Blank or FormulaValueKind.Boolean => true,
        FormulaValueKind.Text => decimal.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        _ => false,
    };

    private static decimal NumberOf(in FormulaValue value) => value.Kind switch
    {
        FormulaValueKind.Number => value.Number,
        FormulaValueKind.Boolean => value.Boolean ? 1m : 0m,
        FormulaValueKind.Text => decimal.Parse(value.Text!, NumberStyles.Float, CultureInfo.InvariantCulture),
        _ => 0m,
    };

    private static bool IsTrue(FormulaValue value) => value.Kind switch
    {
        FormulaValueKind.Boolean => value.Boolean,
        FormulaValueKind.Number => value.Number != 0,
        FormulaValueKind.Text => value.Text!.Length > 0 && !value.Text.Equals("false", StringComparison.OrdinalIgnoreCase),
        FormulaValueKind.List or FormulaValueKind.Record => !value.IsEmpty,
        _ => false,
    };

    private decimal NumberArg(FormulaNode node) => ToNumber(Evaluate(node), node);

    private decimal ToNumber(in FormulaValue value, FormulaNode source)
    {
        switch (value.Kind)
        {
            case FormulaValueKind.Blank:
                return 0m;
            case FormulaValueKind.Number:
                return value.Number;
            case FormulaValueKind.Boolean:
                return value.Boolean ? 1m : 0m;
            case FormulaValueKind.Text when value.Text!.Trim().Length == 0:
                return 0m;
            case FormulaValueKind.Text when decimal.TryParse(
                value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case FormulaValueKind.Text:
                throw Fail(source, $"Expected a number at column {source.Column}; {Describe(source)} is the text "
                    + $"\"{Shorten(value.Text)}\"");
            case FormulaValueKind.List:
                throw Fail(source, $"{Describe(source)} at column {source.Column} is a list (a sub-table column); "
                    + "wrap it in SUM, AVG, MIN, MAX or COUNT");
            default:
                throw Fail(source, $"{Describe(source)} at column {source.Column} is a record, not a number; "
                    + "read one of its fields, for example row.amount");
        }
    }

    private List<decimal> Numbers(FormulaNode call)
    {
        var numbers = new List<decimal>();
        foreach (var argument in call.Arguments)
        {
            var value = Evaluate(argument);
            if (value.Kind == FormulaValueKind.List)
            {
                AddListNumbers(value, argument, numbers);
            }
            else if (!value.IsEmpty)
            {
                numbers.Add(ToNumber(value, argument));
            }
        }

        return numbers;
    }

    private void AddListNumbers(in FormulaValue list, FormulaNode source, List<decimal> numbers)
    {
        foreach (var item in list.Items!)
        {
            if (item.Kind == FormulaValueKind.List)
            {
                AddListNumbers(item, source, numbers);
            }
            else if (!item.IsEmpty && item.Kind != FormulaValueKind.Record)
            {
                numbers.Add(ToNumber(item, source));
            }
        }
    }

    private static decimal Sum(List<decimal> numbers)
    {
        var total = 0m;
        foreach (var number in numbers)
        {
            total += number;
        }

        return total;
    }

    private List<FormulaValue> Flatten(FormulaNode[] arguments)
    {
        var values = new List<FormulaValue>();
        foreach (var argument in arguments)
        {
            AddFlattened(Evaluate(argument), values);
        }

        return values;
    }

    private static void AddFlattened(in FormulaValue value, List<FormulaValue> values)
    {
        if (value.Kind != FormulaValueKind.List)
        {
            values.Add(value);
            return;
        }

        foreach (var item in value.Items!)
        {
            AddFlattened(item, values);
        }
    }

    private (DateOnly Date, DateTimeOffset Instant, bool DateOnly) DateArg(in FormulaValue value, FormulaNode source)
    {
        if (value.Kind == FormulaValueKind.Text && TryParseDate(value.Text!, out var date))
        {
            return date;
        }

        throw Fail(source, $"Expected a date at column {source.Column} such as \"2024-06-30\" or "
            + $"\"2024-06-30T09:00:00+08:00\"; {Describe(source)} is \"{Shorten(value.ToDisplayText())}\"");
    }

    private static bool TryParseDate(string text, out (DateOnly Date, DateTimeOffset Instant, bool DateOnly) result)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            result = (day, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), true);
            return true;
        }

        if (text.Length > 10 && text[4] == '-' && text[7] == '-' && text[10] is 'T' or ' '
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            result = (DateOnly.FromDateTime(instant.DateTime), instant, false);
            return true;
        }

        result = default;
        return false;
    }

    private static string Describe(FormulaNode node) => node.Kind switch
    {
        FormulaNodeKind.Field => $"field '{node.Text}'",
        FormulaNodeKind.Call => $"{node.Text}(...)",
        _ => "the value",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private FormulaException Fail(FormulaNode node, string message, Exception? inner = null) =>
        new($"Formula '{_formula}' failed: {message}.", _formula, node.Column, inner);
}
