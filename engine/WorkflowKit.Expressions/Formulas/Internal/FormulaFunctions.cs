namespace WorkflowKit.Expressions.Formulas.Internal;

/// <summary>The functions of the formula syntax, with the argument counts each accepts.</summary>
internal static class FormulaFunctions
{
    public static IReadOnlyDictionary<string, (int Min, int Max)> Arity { get; } =
        new Dictionary<string, (int Min, int Max)>(StringComparer.Ordinal)
        {
            ["SUM"] = (1, int.MaxValue),
            ["AVG"] = (1, int.MaxValue),
            ["MIN"] = (1, int.MaxValue),
            ["MAX"] = (1, int.MaxValue),
            ["COUNT"] = (1, int.MaxValue),
            ["ROUND"] = (1, 2),
            ["ABS"] = (1, 1),
            ["IF"] = (2, 3),
            ["AND"] = (1, int.MaxValue),
            ["OR"] = (1, int.MaxValue),
            ["NOT"] = (1, 1),
            ["ISEMPTY"] = (1, 1),
            ["CONCAT"] = (1, int.MaxValue),
            ["TODAY"] = (0, 0),
            ["DAYS"] = (2, 2),
            ["ADDDAYS"] = (2, 2),
            ["TEXT"] = (1, 2),
        };

    public static string Names { get; } = string.Join(", ", Arity.Keys.Order(StringComparer.Ordinal));
}
