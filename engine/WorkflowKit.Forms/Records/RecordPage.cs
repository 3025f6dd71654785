namespace WorkflowKit.Records;

/// <summary>One page of records and the total number of matches.</summary>
public sealed record RecordPage(IReadOnlyList<RecordEntry> Items, long Total)
{
    /// <summary>
    /// For each item, the outcome of each of <see cref="RecordQuery.Flags"/>; empty when none were asked.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<bool>> Flags { get; init; } = [];

    /// <summary>
    /// True when counting stopped at <see cref="RecordQuery.CountLimit"/>: there are at least
    /// <see cref="Total"/> matches, and there may be more.
    /// </summary>
    public bool TotalIsCapped { get; init; }

    /// <summary>The SQL that counts the matches of <paramref name="where"/>, stopping at <paramref name="limit"/> when given.</summary>
    public static string CountSql(string where, int? limit) => limit is { } cap
        ? $"SELECT COUNT(*) FROM (SELECT 1 FROM records r WHERE {where} LIMIT {Math.Max(cap, 0)}) AS capped"
        : "SELECT COUNT(*) FROM records r WHERE " + where;
}
