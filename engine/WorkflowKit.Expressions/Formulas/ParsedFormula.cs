using WorkflowKit.Expressions.Formulas.Internal;

namespace WorkflowKit.Expressions;

/// <summary>A formula parsed once into a syntax tree; immutable and thread-safe.</summary>
public sealed class ParsedFormula
{
    internal ParsedFormula(string text, FormulaNode root, IReadOnlySet<string> dependencies)
    {
        Text = text;
        Root = root;
        Dependencies = dependencies;
    }

    /// <summary>The formula text.</summary>
    public string Text { get; }

    /// <summary>
    /// Field ids the formula reads: "price" for <c>price</c>, "lines" for the sub-table column
    /// <c>lines.amount</c>, and "row.qty" for <c>row.qty</c> (a column of the current row).
    /// </summary>
    public IReadOnlySet<string> Dependencies { get; }

    internal FormulaNode Root { get; }

    public override string ToString() => Text;
}
