namespace WorkflowKit.Expressions.Internal;

/// <summary>
/// The only JavaScript run in each engine before the caller's script: native operators and property access
/// that <see cref="ScriptHelpers"/> falls back to when an operation does not involve two numbers.
/// </summary>
internal static class ScriptPrelude
{
    /// <summary>Order matters: <see cref="ScriptHelpers"/> reads the functions by index.</summary>
    public const string Source = """
        [
          (a, b) => a + b,
          (a, b) => a - b,
          (a, b) => a * b,
          (a, b) => a / b,
          (a, b) => a % b,
          (a, b) => a ** b,
          (x, n) => x + BigInt(n),
          (o, k) => o[k],
          (o, k, v) => (o[k] = v),
        ]
        """;
}
