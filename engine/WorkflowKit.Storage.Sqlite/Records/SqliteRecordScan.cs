using WorkflowKit.Records;

namespace WorkflowKit.Storage.Sqlite.Records;

/// <summary>
/// The FROM and WHERE clauses of a page or count query over one form's records, and the column of the record id
/// in that FROM clause.
/// </summary>
/// <param name="From">Either <c>records r</c> or the index table joined to it.</param>
/// <param name="Where">Conditions on <c>r</c> and, when driven, on the index table row <c>d</c>.</param>
/// <param name="IdColumn">The record id to order and page by: <c>d.record_id</c> when driven, else <c>r.id</c>.</param>
/// <param name="IsDriven">Whether an equality rule on an indexed field drives the scan through the index table.</param>
internal sealed record SqliteRecordScan(string From, string Where, string IdColumn, bool IsDriven)
{
    private const string Records = "records r";

    /// <summary>
    /// A scan that visits every match through the id lookups of <see cref="SqliteFilterTranslator.Translate"/>,
    /// for sorted pages and exact counts.
    /// </summary>
    public static SqliteRecordScan Lookup(
        SqliteFilterTranslator translator, RecordFilter filter, bool includeDeleted) =>
        new(Records, Live(includeDeleted) + Conjunction(translator.Translate(filter), filter), "r.id", false);

    /// <summary>
    /// A scan in id order that can stop after a page. When a top-level conjunct of <paramref name="filter"/> is an
    /// equality on an indexed field (the region of a permission rule, for example), the scan reads that value's
    /// entries of the index table, which hold the record ids in order, and joins each record by its primary key: a
    /// newest-first page then reads its own rows and no others, however rare or common the value. Without such a
    /// rule it walks the form's records newest first and probes the other indexed rules per record.
    /// </summary>
    public static SqliteRecordScan InIdOrder(
        SqliteFilterTranslator translator, RecordFilter filter, bool includeDeleted)
    {
        var conjuncts = Conjuncts(filter).ToList();
        var driving = conjuncts.OfType<RecordFilterRule>().FirstOrDefault(translator.CanDriveScan);
        if (driving is null)
        {
            return new(Records, Live(includeDeleted) + Conjunction(translator.TranslateCorrelated(filter), filter),
                "r.id", false);
        }

        var rest = RecordFilter.And(conjuncts.Where(item => !ReferenceEquals(item, driving)));
        var where = translator.DrivingPredicate(driving, "d") + " AND " + Live(includeDeleted) +
                    Conjunction(translator.TranslateCorrelated(rest), rest);

        // CROSS JOIN keeps the index table as the outer loop, so its record_id order serves ORDER BY.
        return new("record_values d CROSS JOIN records r ON r.id = d.record_id", where, "d.record_id", true);
    }

    /// <summary>The SQL that counts the matches, stopping at <paramref name="limit"/> when given.</summary>
    public string CountSql(int? limit) => limit is { } cap
        ? $"SELECT COUNT(*) FROM (SELECT 1 FROM {From} WHERE {Where} LIMIT {Math.Max(cap, 0)}) AS capped"
        : $"SELECT COUNT(*) FROM {From} WHERE {Where}";

    private static string Live(bool includeDeleted) =>
        includeDeleted ? "r.form_key = @form" : "r.form_key = @form AND r.deleted = 0";

    private static string Conjunction(string sql, RecordFilter filter) =>
        filter is RecordFilterConstant { Value: true } ? string.Empty : " AND " + sql;

    private static IEnumerable<RecordFilter> Conjuncts(RecordFilter filter) =>
        filter is RecordFilterAnd and ? and.Items.SelectMany(Conjuncts) : [filter];
}
