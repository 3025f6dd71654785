using System.Text.Json.Nodes;
using WorkflowKit.Expressions.Formulas.Internal;
using WorkflowKit.Expressions.Internal;

namespace WorkflowKit.Expressions;

/// <summary>
/// The spreadsheet-like formula syntax of form fields, such as <c>ROUND(SUM(lines.amount) * 1.13, 2)</c>.
/// Thread-safe; one per application. Parsed formulas are cached by text.
/// </summary>
/// <remarks>
/// <para>Values: decimal numbers, text in "double" or 'single' quotes (double the quote to include it),
/// TRUE/FALSE, field ids ("price"), <c>row.col</c> for the current sub-table row, and <c>lines.amount</c> for a
/// sub-table column (a list). Operators: + - * / % (decimal, quotients to 28-29 significant digits),
/// &amp; (concatenates text), = == &lt;&gt; != &lt; &lt;= &gt; &gt;=. Comparisons are numeric when both sides
/// are numbers (or blank), by date for ISO 8601 dates, otherwise ordinal and case-sensitive.</para>
/// <para>Functions (names case-insensitive): SUM, AVG (blank when there are no numbers), MIN, MAX (0 when
/// there are none), COUNT (non-empty values; COUNT(lines) counts rows), ROUND(x, digits) halves away from
/// zero, ABS, IF(condition, then, else) evaluating only the branch taken, AND, OR, NOT, ISEMPTY, CONCAT,
/// TODAY() (yyyy-MM-dd in the context's time zone), DAYS(end, start), ADDDAYS(date, n), TEXT(value, format)
/// with .NET custom formats.</para>
/// <para>A blank field counts as 0 in arithmetic. Text that is not a number, a list used as one value, and
/// division by zero raise <see cref="FormulaException"/>.</para>
/// </remarks>
public sealed class FormulaEngine
{
    private const int MaxCachedFormulas = 4096;

    private readonly TimeProvider _timeProvider;
    private readonly BoundedCache<ParsedFormula> _cache = new(MaxCachedFormulas);
    private long _parseCount;

    public FormulaEngine(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How many times a formula text was parsed (cache misses).</summary>
    internal long ParseCount => Interlocked.Read(ref _parseCount);

    /// <summary>Parses a formula, or returns the cached parse of the same text.</summary>
    /// <exception cref="FormulaSyntaxException">The text is not a valid formula; the exception gives the column.</exception>
    public ParsedFormula Parse(string formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        return _cache.GetOrAdd(formula, text =>
        {
            Interlocked.Increment(ref _parseCount);
            return FormulaParser.Parse(text);
        });
    }

    /// <summary>Parses a formula without throwing; on failure <paramref name="error"/> gives column and token.</summary>
    public bool TryParse(string formula, out ParsedFormula? parsed, out ExpressionSyntaxError? error)
    {
        try
        {
            parsed = Parse(formula);
            error = null;
            return true;
        }
        catch (FormulaSyntaxException exception)
        {
            parsed = null;
            error = exception.ToError();
            return false;
        }
    }

    /// <summary>Parses (cached) and evaluates a formula; returns null for a blank result.</summary>
    /// <exception cref="FormulaSyntaxException">The text is not a valid formula.</exception>
    /// <exception cref="FormulaException">The formula cannot be evaluated on these values.</exception>
    public JsonNode? Evaluate(string formula, FormulaContext context) => Evaluate(Parse(formula), context);

    /// <summary>Evaluates a parsed formula; numbers come back as JSON numbers readable as decimal.</summary>
    /// <exception cref="FormulaException">The formula cannot be evaluated on these values.</exception>
    public JsonNode? Evaluate(ParsedFormula formula, FormulaContext context)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(context);
        var now = context.Now ?? _timeProvider.GetUtcNow();
        return new FormulaEvaluator(formula.Text, context, now).Evaluate(formula.Root).ToJson();
    }
}
