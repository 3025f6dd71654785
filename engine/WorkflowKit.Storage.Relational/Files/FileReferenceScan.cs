namespace WorkflowKit.Storage.Relational.Files;

/// <summary>
/// One JSON column of a <see cref="FileReferenceSource"/> and the holder columns that a link from it names.
/// </summary>
/// <param name="From">The table with its alias.</param>
/// <param name="Key">The aliased key column that batches compare with <c>@After</c> and <c>@Upper</c>.</param>
/// <param name="Json">The aliased JSON column.</param>
/// <param name="JsonbColumn">True when the column is JSONB on PostgreSQL; TEXT columns are cast.</param>
/// <param name="IncludeRoot">True when the whole value may be a reference; form data is an object of fields.</param>
/// <param name="HolderColumns">Form key and record id for a record link, the instance id for an instance link.</param>
/// <param name="ToRecord">True for record links, false for instance links.</param>
/// <param name="Description">Where the reference sits, in the words of <c>workflowkit files check</c>.</param>
internal sealed record FileReferenceScan(
    string From, string Key, string Json, bool JsonbColumn, bool IncludeRoot, string HolderColumns, bool ToRecord,
    string Description)
{
    /// <summary>The link table and its columns that this scan writes.</summary>
    public string LinkTable => ToRecord
        ? "wk_file_record_links (file_id, form_key, record_id)"
        : "wk_file_links (file_id, instance_id)";

    /// <summary>
    /// Returns the FROM clause: the table and one row per JSON object in the column, as alias <c>j</c>. With
    /// <paramref name="validOnly"/> on SQLite, a row whose column is not valid JSON yields no objects instead of failing
    /// the query; on PostgreSQL callers leave such rows out by their keys, because a filter on the table runs before
    /// the lateral join there.
    /// </summary>
    public string FromSql(SqlDialect dialect, bool validOnly = false)
    {
        var json = dialect == SqlDialect.PostgreSql && !JsonbColumn ? $"CAST({Json} AS jsonb)"
            : validOnly && dialect == SqlDialect.Sqlite ? $"iif(json_valid({Json}), {Json}, NULL)"
            : Json;
        return $"FROM {From} {FileReferenceSql.Objects(dialect, json, IncludeRoot)}";
    }

    /// <summary>
    /// Returns the WHERE condition that keeps the objects that have the shape of a file reference, in the rows of the
    /// batch between <c>@After</c> (excluded) and <c>@Upper</c> when <paramref name="inBatch"/> is true.
    /// </summary>
    public string WhereSql(SqlDialect dialect, bool inBatch)
    {
        var range = inBatch ? $"{Key} > @After AND {Key} <= @Upper AND " : string.Empty;
        return range + FileReferenceSql.IsReference(dialect);
    }
}
