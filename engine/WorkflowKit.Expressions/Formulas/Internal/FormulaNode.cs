namespace WorkflowKit.Expressions.Formulas.Internal;

/// <summary>One node of a parsed formula.</summary>
internal sealed class FormulaNode
{
    public required FormulaNodeKind Kind { get; init; }

    /// <summary>1-based column of the token that starts the node (the operator, for unary and binary nodes).</summary>
    public required int Column { get; init; }

    public decimal Number { get; init; }

    /// <summary>String literal, operator symbol, upper-case function name, or the path text.</summary>
    public string Text { get; init; } = string.Empty;

    public bool Boolean { get; init; }

    /// <summary>Path segments of a field reference ("lines.amount" gives ["lines", "amount"]).</summary>
    public string[] Path { get; init; } = [];

    /// <summary>Operands of an operator, or arguments of a function call.</summary>
    public FormulaNode[] Arguments { get; init; } = [];
}
