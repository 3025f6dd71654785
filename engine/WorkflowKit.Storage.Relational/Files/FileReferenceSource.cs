using System.Globalization;

namespace WorkflowKit.Storage.Relational.Files;

/// <summary>
/// A table whose JSON columns may name uploaded files, read in batches of its key. Each scan yields the file ids
/// that one JSON column names with the holder that the link goes to: a record (form key and record id) or an
/// instance. The scans find references by their shape (<see cref="FileReferenceSql"/>), not by the form's field
/// types, so data written under an older form version, by a script or through any other path is found too.
/// </summary>
internal sealed record FileReferenceSource(
    string Name, string Table, string Key, bool NumericKey, IReadOnlyList<FileReferenceScan> Scans,
    string LinkedFilesSql)
{
    /// <summary>The sources in the order the backfill reads them; <see cref="Name"/> is the progress row's key.</summary>
    public static IReadOnlyList<FileReferenceSource> All { get; } =
    [
        new(
            "records", "records", "id", NumericKey: true,
            [new FileReferenceScan("records r", "r.id", "r.data", JsonbColumn: true, IncludeRoot: false,
                "r.form_key, r.id", ToRecord: true, "record data")],
            "SELECT rl.file_id FROM wk_file_record_links rl JOIN records r " +
            "ON r.form_key = rl.form_key AND r.id = rl.record_id WHERE r.id > @After AND r.id <= @Upper"),
        new(
            "record_audit", "record_audit", "id", NumericKey: true,
            [new FileReferenceScan("record_audit a", "a.id", "a.snapshot", JsonbColumn: true, IncludeRoot: false,
                "a.form_key, a.record_id", ToRecord: true, "record audit snapshot")],
            "SELECT rl.file_id FROM wk_file_record_links rl JOIN record_audit a " +
            "ON a.form_key = rl.form_key AND a.record_id = rl.record_id WHERE a.id > @After AND a.id <= @Upper"),
        new(
            "instances", "wk_instances", "id", NumericKey: false,
            [
                new FileReferenceScan("wk_instances i", "i.id", "i.form_json", JsonbColumn: false, IncludeRoot: false,
                    "i.id", ToRecord: false, "instance form"),

                // A variable's value may itself be a reference, so the root of its JSON is read too.
                new FileReferenceScan("wk_variables v", "v.instance_id", "v.value_json", JsonbColumn: false,
                    IncludeRoot: true, "v.instance_id", ToRecord: false, "instance variable"),
            ],
            "SELECT l.file_id FROM wk_file_links l WHERE l.instance_id > @After AND l.instance_id <= @Upper"),
        new(
            "instance_audit", "wk_audit", "id", NumericKey: true,
            [new FileReferenceScan("wk_audit a", "a.id", "a.form_json", JsonbColumn: false, IncludeRoot: false,
                "a.instance_id", ToRecord: false, "instance audit form data")],
            "SELECT l.file_id FROM wk_file_links l JOIN wk_audit a ON a.instance_id = l.instance_id " +
            "WHERE a.id > @After AND a.id <= @Upper"),
    ];

    /// <summary>Returns the key below every key of the table, where a pass starts.</summary>
    public object FirstKey => NumericKey ? long.MinValue : string.Empty;

    /// <summary>Returns the SQL that selects the last key of the next batch after <c>@After</c>, or NULL at the end.</summary>
    public string NextUpperSql =>
        $"SELECT MAX(k) FROM (SELECT {Key} AS k FROM {Table} WHERE {Key} > @After ORDER BY {Key} LIMIT @Size) batch";

    /// <summary>Converts a key read from the database or the progress table to the parameter type of the key.</summary>
    public object ReadKey(object value) => NumericKey
        ? Convert.ToInt64(value, CultureInfo.InvariantCulture)
        : Convert.ToString(value, CultureInfo.InvariantCulture)!;
}
