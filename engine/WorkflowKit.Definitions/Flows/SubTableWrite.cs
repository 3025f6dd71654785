namespace WorkflowKit.Definitions.Flows;

/// <summary>
/// How an automatic record node writes rows into a sub-table: "append" adds rows,
/// "updateMatching" updates rows whose <see cref="MatchOn"/> columns equal the new row's and
/// appends the rest, "replace" removes all rows first.
/// </summary>
public sealed class SubTableWrite
{
    public string Strategy { get; set; } = "append";

    /// <summary>Expression yielding an array of source rows.</summary>
    public string Rows { get; set; } = "[]";

    /// <summary>Column id to expression evaluated with <c>row</c> bound to the source row.</summary>
    public Dictionary<string, string>? Values { get; set; }

    public List<string>? MatchOn { get; set; }

    public static IReadOnlySet<string> Strategies { get; } =
        new HashSet<string>(StringComparer.Ordinal) { "append", "updateMatching", "replace" };
}
