using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Organization;

namespace WorkflowKit.Records;

/// <summary>
/// Translates a JavaScript condition into a <see cref="RecordFilter"/>, so that record lists, exports and the records
/// API filter in the database with it rather than running a script on every record.
/// </summary>
/// <remarks>
/// The script is one expression built from comparisons of a form field (<c>form.total</c> or <c>form["total"]</c>)
/// with a literal, another form field or a user value (<c>user.id</c>, <c>user.department</c>, <c>user.name</c>,
/// <c>user.ATTRIBUTE</c>) through <c>==</c>, <c>===</c>, <c>!=</c>, <c>!==</c>, <c>&lt;</c>, <c>&lt;=</c>,
/// <c>&gt;</c> and <c>&gt;=</c>; <c>form.x.includes(text)</c>, <c>startsWith</c> and <c>endsWith</c> (also on
/// <c>String(form.x)</c>); <c>[a, b].includes(form.x)</c>; joined by <c>&amp;&amp;</c>, <c>||</c> and <c>!</c>,
/// with parentheses. This covers every script that the rule builder writes from structured rules. Loose and strict
/// equality both become the store's equality, which compares numbers as numbers and text as text. Anything else
/// raises <see cref="JavaScriptFilterException"/> with the line and column of the part that cannot be translated.
/// </remarks>
public static class JavaScriptRecordFilter
{
    private const string Supported =
        "a record filter compares form fields (form.total) with fixed values, other fields or user values " +
        "(user.region) through ==, ===, !=, !==, <, <=, >, >=, includes, startsWith and endsWith, joined by " +
        "&&, || and !";

    /// <summary>Translates <paramref name="script"/>, resolving <c>user.*</c> values against <paramref name="user"/>.</summary>
    /// <exception cref="JavaScriptFilterException">The script does not parse or uses an unsupported construct.</exception>
    public static RecordFilter Translate(string script, OrgUser? user)
    {
        ArgumentNullException.ThrowIfNull(script);
        Script program;
        try
        {
            program = new Parser().ParseScript(script);
        }
        catch (ParseErrorException error)
        {
            var index = error.Error.IsIndexDefined ? Math.Clamp(error.Error.Index, 0, script.Length) : 0;
            var snippet = Shorten(script[index..].Split('\n')[0]);
            throw new JavaScriptFilterException(
                JavaScriptFilterProblem.Syntax, error.Description, error.LineNumber, error.Column + 1, snippet,
                $"The JavaScript filter has a syntax error at line {error.LineNumber}, column {error.Column + 1}: " +
                $"{error.Description}. Correct the expression, for example form.total > 500000 && " +
                "form.region === 'east'.");
        }

        var statements = program.Body.OfType<Statement>().Where(statement => statement is not EmptyStatement).ToList();
        if (statements is not [ExpressionStatement { Expression: var expression }])
        {
            var first = statements.Count > 1 ? statements[1] : (Node)program;
            throw Unsupported(script, first, "the filter must be one expression without statements or semicolons " +
                "between parts");
        }

        return new Translator(script, user).Filter(expression);
    }

    private static JavaScriptFilterException Unsupported(string script, Node node, string reason)
    {
        var start = node.Location.Start;
        var snippet = Shorten(script[node.Start..node.End]);
        return new JavaScriptFilterException(
            JavaScriptFilterProblem.Unsupported, string.Empty, start.Line, start.Column + 1, snippet,
            $"The JavaScript filter cannot use '{snippet}' at line {start.Line}, column {start.Column + 1}: " +
            $"{reason}. {char.ToUpperInvariant(Supported[0])}{Supported[1..]}; rewrite that part or use the " +
            "rule builder.");
    }

    private static string Shorten(string text)
    {
        var line = text.Trim();
        return line.Length <= 40 ? line : line[..37] + "...";
    }

    private sealed class Translator(string script, OrgUser? user)
    {
        public RecordFilter Filter(Expression expression)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            switch (expression)
            {
                case LogicalExpression { Operator: Operator.LogicalAnd } and:
                    return RecordFilter.And(Operands(and, Operator.LogicalAnd).Select(Filter));
                case LogicalExpression { Operator: Operator.LogicalOr } or:
                    return RecordFilter.Or(Operands(or, Operator.LogicalOr).Select(Filter));
                case UnaryExpression { Operator: Operator.LogicalNot } not:
                    return RecordFilter.Not(Filter(not.Argument));
                case BooleanLiteral boolean:
                    return boolean.Value ? RecordFilter.True : RecordFilter.False;
                case BinaryExpression binary when ComparisonOperator(binary.Operator) is { } op:
                    return Compare(binary, op);
                case CallExpression call:
                    return Call(call);
                default:
                    throw Unsupported(script, expression, "it is not a comparison of a form field");
            }
        }

        /// <summary>Lists the operands of a chain such as <c>a &amp;&amp; b &amp;&amp; c</c>, so it becomes one AND.</summary>
        private static List<Expression> Operands(LogicalExpression chain, Operator op)
        {
            var operands = new List<Expression>();
            var pending = new Stack<Expression>([chain.Right, chain.Left]);
            while (pending.TryPop(out var next))
            {
                if (next is LogicalExpression nested && nested.Operator == op)
                {
                    pending.Push(nested.Right);
                    pending.Push(nested.Left);
                    continue;
                }

                operands.Add(next);
            }

            return operands;
        }

        private RecordFilter Compare(BinaryExpression binary, string op)
        {
            if (Field(binary.Left) is { } field)
            {
                return Rule(field, op, binary.Right);
            }

            if (Field(binary.Right) is { } swapped)
            {
                return Rule(swapped, Mirror(op), binary.Left);
            }

            throw Unsupported(script, binary, "neither side is a form field such as form.total");
        }

        private RecordFilter Rule(string field, string op, Expression other)
        {
            if (Field(other) is { } otherField)
            {
                return new RecordFilterRule(field, op, null, otherField);
            }

            if (UserValue(other) is { } valueFrom)
            {
                var value = ConditionFilters.ResolveUserValue(valueFrom, user);
                return value is null ? RecordFilter.False : RecordFilter.Compare(field, op, value);
            }

            return RecordFilter.Compare(field, op, Literal(other));
        }

        private RecordFilter Call(CallExpression call)
        {
            if (call.Optional || call.Callee is not MemberExpression { Computed: false, Property: Identifier method }
                callee || call.Arguments.Count != 1 || call.Arguments[0] is not Expression argument)
            {
                throw Unsupported(script, call, "only includes, startsWith and endsWith with one argument are " +
                    "supported");
            }

            if (method.Name == "includes" && callee.Object is ArrayExpression list)
            {
                var field = Field(argument) ?? throw Unsupported(
                    script, argument, "a list's includes must be given a form field, as in ['a', 'b'].includes(form.x)");
                return RecordFilter.Compare(field, RuleOperators.In, new JsonArray([.. list.Elements.Select(item =>
                    item is Expression element ? Literal(element) : throw Unsupported(script, list, "the list has a gap"))]));
            }

            var op = method.Name switch
            {
                "includes" => RuleOperators.Contains,
                "startsWith" => RuleOperators.StartsWith,
                "endsWith" => RuleOperators.EndsWith,
                _ => throw Unsupported(script, call, $"the method {method.Name} has no database equivalent"),
            };
            var target = callee.Object is CallExpression
            {
                Callee: Identifier { Name: "String" }, Arguments: [Expression converted],
            }
                ? converted
                : callee.Object;
            var subject = Field(target) ?? throw Unsupported(
                script, target, $"{method.Name} must be called on a form field, as in form.customerName.{method.Name}(...)");
            return RecordFilter.Compare(subject, op, Literal(argument));
        }

        /// <summary>The field id of <c>form.x</c> or <c>form["x"]</c>; null for anything else.</summary>
        private static string? Field(Node node) => node switch
        {
            MemberExpression { Object: Identifier { Name: "form" }, Computed: false, Property: Identifier property } =>
                property.Name,
            MemberExpression { Object: Identifier { Name: "form" }, Computed: true, Property: StringLiteral key } =>
                key.Value,
            _ => null,
        };

        /// <summary>"user.region" for <c>user.region</c>; null for anything else.</summary>
        private static string? UserValue(Node node) => node switch
        {
            MemberExpression { Object: Identifier { Name: "user" }, Computed: false, Property: Identifier property } =>
                "user." + property.Name,
            _ => null,
        };

        private JsonNode? Literal(Expression expression) => expression switch
        {
            NullLiteral => null,
            Identifier { Name: "undefined" } => null,
            StringLiteral text => JsonValue.Create(text.Value),
            BooleanLiteral boolean => JsonValue.Create(boolean.Value),
            NumericLiteral number when decimal.TryParse(
                number.Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) => JsonValue.Create(exact),
            UnaryExpression { Operator: Operator.UnaryNegation, Argument: NumericLiteral negative }
                when decimal.TryParse(negative.Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) =>
                JsonValue.Create(-exact),
            _ => throw Unsupported(script, expression, "it is not a fixed value, a form field or a user value"),
        };

        private static string? ComparisonOperator(Operator op) => op switch
        {
            Operator.Equality or Operator.StrictEquality => RuleOperators.Equal,
            Operator.Inequality or Operator.StrictInequality => RuleOperators.NotEqual,
            Operator.GreaterThan => RuleOperators.GreaterThan,
            Operator.GreaterThanOrEqual => RuleOperators.GreaterThanOrEqual,
            Operator.LessThan => RuleOperators.LessThan,
            Operator.LessThanOrEqual => RuleOperators.LessThanOrEqual,
            _ => null,
        };

        private static string Mirror(string op) => op switch
        {
            RuleOperators.GreaterThan => RuleOperators.LessThan,
            RuleOperators.GreaterThanOrEqual => RuleOperators.LessThanOrEqual,
            RuleOperators.LessThan => RuleOperators.GreaterThan,
            RuleOperators.LessThanOrEqual => RuleOperators.GreaterThanOrEqual,
            _ => op,
        };
    }
}
