using System.Runtime.CompilerServices;
using System.Text;
using Acornima;
using Acornima.Ast;

namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// Rewrites JavaScript source so that arithmetic on numbers runs in decimal: <c>a + b</c> becomes
/// <c>__wk.add(a,b)</c>, and likewise for <c>- * / % **</c>, the compound assignments <c>+= -= *= /= %= **=</c>
/// and <c>++</c>/<c>--</c>. The helpers keep JavaScript semantics for anything that is not a pair of numbers
/// (string concatenation, BigInt, Date subtraction).
/// </summary>
/// <remarks>
/// Unary minus is not rewritten because negating a double is exact. Comparisons are not rewritten: shortest round-trip text maps doubles to decimals one-to-one and in
/// order, so comparing in decimal would give the same answers as comparing the doubles. Not rewritten
/// either: assignments to parenthesised targets, <c>super</c> members and private fields (they keep double
/// arithmetic). For <c>o[k] += v</c> the value <c>v</c> is evaluated before <c>o[k]</c> is read.
/// The rewriter works on source text: it inserts helper calls around each node and replaces operator tokens,
/// so everything else (comments aside) stays where it was and line numbers are preserved in most scripts.
/// </remarks>
internal static class DecimalRewriter
{
    /// <summary>The frozen global object holding the arithmetic helpers.</summary>
    public const string HelperName = "__wk";

    /// <summary>Parser options shared by the rewriter and syntax checks: parentheses kept as nodes.</summary>
    public static ParserOptions ParserOptions { get; } = new() { PreserveParens = true };

    public static string Rewrite(string source, Script program)
    {
        var edits = new List<Edit>();
        Walk(source, program, 0, edits);
        if (edits.Count == 0)
        {
            return source;
        }

        edits.Sort(static (x, y) => x.CompareTo(y));
        var builder = new StringBuilder(source.Length + (edits.Count * 12));
        var cursor = 0;
        foreach (var edit in edits)
        {
            builder.Append(source, cursor, edit.Start - cursor).Append(edit.Text);
            cursor = edit.End;
        }

        return builder.Append(source, cursor, source.Length - cursor).ToString();
    }

    private static void Walk(string source, Node node, int depth, List<Edit> edits)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case BinaryExpression binary:
                RewriteBinary(source, binary, depth, edits);
                break;
            case AssignmentExpression assignment:
                RewriteCompoundAssignment(source, assignment, depth, edits);
                break;
            case UpdateExpression update:
                RewriteUpdate(update, depth, edits);
                break;
            default:
                break;
        }

        foreach (var child in node.ChildNodes)
        {
            Walk(source, child, depth + 1, edits);
        }
    }

    private static void RewriteBinary(string source, BinaryExpression binary, int depth, List<Edit> edits)
    {
        var name = HelperFor(binary.Operator);
        if (name is null || (name == "add" && (IsText(binary.Left) || IsText(binary.Right))))
        {
            return;
        }

        var operatorStart = FindToken(source, binary.Left.End, binary.Right.Start);
        var operatorLength = binary.Operator == Operator.Exponentiation ? 2 : 1;
        edits.Add(Edit.Open(binary.Start, $"{HelperName}.{name}(", depth));
        edits.Add(Edit.Replace(operatorStart, operatorStart + operatorLength, ",", depth));
        edits.Add(Edit.Close(binary.End, ")", depth));
    }

    private static void RewriteCompoundAssignment(
        string source, AssignmentExpression assignment, int depth, List<Edit> edits)
    {
        var name = HelperFor(assignment.Operator);
        if (name is null)
        {
            return;
        }

        switch (assignment.Left)
        {
            case Identifier target:
                var operatorStart = FindToken(source, target.End, assignment.Right.Start);
                var operatorLength = assignment.Operator == Operator.ExponentiationAssignment ? 3 : 2;
                edits.Add(Edit.Replace(
                    operatorStart, operatorStart + operatorLength,
                    $"={HelperName}.{name}({target.Name},", depth));
                edits.Add(Edit.Close(assignment.End, ")", depth));
                break;
            case MemberExpression member when IsRewritableMember(member):
                edits.Add(Edit.Open(assignment.Start, $"{HelperName}.cset(", depth));
                if (member.Computed)
                {
                    edits.Add(Edit.Replace(member.Object.End, member.Property.Start, ",", depth));
                    edits.Add(Edit.Replace(member.Property.End, assignment.Right.Start, $",\"{name}\",", depth));
                }
                else
                {
                    var property = ((Identifier)member.Property).Name;
                    edits.Add(Edit.Replace(
                        member.Object.End, assignment.Right.Start, $",\"{property}\",\"{name}\",", depth));
                }

                edits.Add(Edit.Close(assignment.End, ")", depth));
                break;
            default:
                break;
        }
    }

    private static void RewriteUpdate(UpdateExpression update, int depth, List<Edit> edits)
    {
        var delta = update.Operator == Operator.Increment ? "1" : "-1";
        switch (update.Argument)
        {
            case Identifier target when update.Prefix:
                edits.Add(Edit.Replace(
                    update.Start, target.Start, $"({target.Name}={HelperName}.inc(", depth));
                edits.Add(Edit.Close(update.End, $",{delta}))", depth));
                break;
            case Identifier target:
                edits.Add(Edit.Open(update.Start, $"{HelperName}.post(", depth));
                edits.Add(Edit.Replace(
                    target.End, update.End, $",{target.Name}={HelperName}.inc({target.Name},{delta}))", depth));
                break;
            case MemberExpression member when IsRewritableMember(member):
                var prefix = update.Prefix ? "true" : "false";
                if (update.Prefix)
                {
                    edits.Add(Edit.Replace(update.Start, member.Object.Start, $"{HelperName}.upd(", depth));
                }
                else
                {
                    edits.Add(Edit.Open(update.Start, $"{HelperName}.upd(", depth));
                }

                if (member.Computed)
                {
                    edits.Add(Edit.Replace(member.Object.End, member.Property.Start, ",", depth));
                    edits.Add(Edit.Replace(member.Property.End, update.End, $",{delta},{prefix})", depth));
                }
                else
                {
                    var property = ((Identifier)member.Property).Name;
                    edits.Add(Edit.Replace(
                        member.Object.End, update.End, $",\"{property}\",{delta},{prefix})", depth));
                }

                break;
            default:
                break;
        }
    }

    private static bool IsRewritableMember(MemberExpression member) =>
        member.Object is not Super && !member.Optional && (member.Computed || member.Property is Identifier);

    private static bool IsText(Expression expression) => expression switch
    {
        StringLiteral or TemplateLiteral => true,
        ParenthesizedExpression parenthesized => IsText(parenthesized.Expression),
        _ => false,
    };

    private static string? HelperFor(Operator op) => op switch
    {
        Operator.Addition or Operator.AdditionAssignment => "add",
        Operator.Subtraction or Operator.SubtractionAssignment => "sub",
        Operator.Multiplication or Operator.MultiplicationAssignment => "mul",
        Operator.Division or Operator.DivisionAssignment => "div",
        Operator.Remainder or Operator.RemainderAssignment => "mod",
        Operator.Exponentiation or Operator.ExponentiationAssignment => "pow",
        _ => null,
    };

    /// <summary>Index of the first character in [from, to) that is neither white space nor inside a comment.</summary>
    private static int FindToken(string source, int from, int to)
    {
        var i = from;
        while (i < to)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                i++;
            }
            else if (c == '/' && i + 1 < to && source[i + 1] == '/')
            {
                while (i < to && source[i] is not ('\n' or '\r' or '\u2028' or '\u2029'))
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < to && source[i + 1] == '*')
            {
                var close = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? to : close + 2;
            }
            else
            {
                return i;
            }
        }

        throw new InvalidOperationException(
            $"Expected an operator between offsets {from} and {to} of the script; found none. This is a bug in "
            + "the decimal rewriter: report the script text.");
    }

    /// <summary>
    /// One text change. At one offset, closing insertions come first (innermost first), then openings and
    /// replacements (outermost first), which keeps nested helper calls balanced.
    /// </summary>
    private readonly record struct Edit(int Start, int End, string Text, bool Closing, int Depth)
    {
        public static Edit Open(int at, string text, int depth) => new(at, at, text, false, depth);

        public static Edit Close(int at, string text, int depth) => new(at, at, text, true, depth);

        public static Edit Replace(int start, int end, string text, int depth) => new(start, end, text, false, depth);

        public int CompareTo(Edit other)
        {
            if (Start != other.Start)
            {
                return Start.CompareTo(other.Start);
            }

            if (Closing != other.Closing)
            {
                return Closing ? -1 : 1;
            }

            return Closing ? other.Depth.CompareTo(Depth) : Depth.CompareTo(other.Depth);
        }
    }
}
