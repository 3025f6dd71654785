using WorkflowKit.Definitions.Conditions;
using WorkflowKit.Definitions.Packages;

namespace WorkflowKit.Records;

/// <summary>A page of one form's live records, filtered and sorted on record fields.</summary>
public sealed record RecordQuery(string FormKey)
{
    public Condition? Filter { get; init; }

    public IReadOnlyList<SortOrder> Sort { get; init; } = [];

    public int Offset { get; init; }

    /// <summary>
    /// The id of the last record of the previous page, or null for the first page. The page then contains the records
    /// that come after it in the default newest-first order (ids below it), so a deep page costs what the first
    /// page costs, where <see cref="Offset"/> reads and skips every earlier row. Only valid without
    /// <see cref="Sort"/>; <see cref="Offset"/> still applies after it, and the total counts every match.
    /// </summary>
    public long? AfterId { get; init; }

    public int Limit { get; init; } = 50;

    public bool IncludeDeleted { get; init; }

    /// <summary>A further filter that must hold as well, such as the permission filter.</summary>
    public RecordFilter? Where { get; init; }

    /// <summary>
    /// Filters evaluated for every returned record without restricting the result; their
    /// outcomes come back in <see cref="RecordPage.Flags"/>. The permission filter uses them to
    /// learn which rules admitted each record.
    /// </summary>
    public IReadOnlyList<RecordFilter> Flags { get; init; } = [];

    /// <summary>Whether to count all matches into <see cref="RecordPage.Total"/>; -1 is returned when false.</summary>
    public bool CountTotal { get; init; } = true;

    /// <summary>
    /// The highest total to count, or null to count every match. Counting reads every matching row,
    /// so on a form with hundreds of thousands of readable records the count costs more than the
    /// page. With a limit the count stops there and <see cref="RecordPage.TotalIsCapped"/> is set.
    /// </summary>
    public int? CountLimit { get; init; }
}
