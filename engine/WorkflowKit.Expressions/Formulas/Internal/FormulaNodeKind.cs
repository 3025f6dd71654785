namespace WorkflowKit.Expressions.Formulas.Internal;

internal enum FormulaNodeKind
{
    Number,
    Text,
    Boolean,
    Field,
    Unary,
    Binary,
    Call,
}
