namespace WorkflowKit.Storage.Relational.Files;

/// <summary>
/// The SQL that finds file references in a JSON value by their shape, as the validator's file check reads them: an
/// object with a string <c>id</c> and a string <c>name</c> and no property other than <c>id</c>, <c>name</c>,
/// <c>size</c> and <c>contentType</c>, at any depth. A sub-table row with only such columns matches too, so callers
/// join the ids to <c>wk_files</c> or to the format of upload ids before they act on one.
/// </summary>
internal static class FileReferenceSql
{
    private const string AllowedKeys = "('id', 'name', 'size', 'contentType')";

    /// <summary>
    /// Returns the join that yields one row per object or array element in <paramref name="json"/> as alias
    /// <c>j</c> with column <c>value</c>. The whole value is left out unless <paramref name="includeRoot"/>.
    /// </summary>
    public static string Objects(SqlDialect dialect, string json, bool includeRoot)
    {
        if (dialect == SqlDialect.PostgreSql)
        {
            // Strict mode, so that @.id on a value without an id is an error, which the filter treats as false, and
            // arrays are not unwrapped.
            var levels = includeRoot ? ".**" : ".**{1 to last}";
            return $"CROSS JOIN LATERAL jsonb_path_query({json}, " +
                   $"'strict ${levels} ? (@.id.type() == \"string\" && @.name.type() == \"string\")') AS j(value)";
        }

        return includeRoot ? $"JOIN json_tree({json}) j" : $"JOIN json_tree({json}) j ON j.parent IS NOT NULL";
    }

    /// <summary>Returns the condition on alias <c>j</c> that keeps the objects shaped as file references.</summary>
    public static string IsReference(SqlDialect dialect) => dialect == SqlDialect.PostgreSql
        ? $"NOT EXISTS (SELECT 1 FROM jsonb_object_keys(j.value) AS k(key) WHERE k.key NOT IN {AllowedKeys})"
        : "j.type = 'object' AND json_type(j.value, '$.id') = 'text' AND json_type(j.value, '$.name') = 'text' " +
          $"AND NOT EXISTS (SELECT 1 FROM json_each(j.value) k WHERE k.key NOT IN {AllowedKeys})";

    /// <summary>Returns the expression that reads the <c>id</c> of the reference in alias <c>j</c>.</summary>
    public static string Id(SqlDialect dialect) =>
        dialect == SqlDialect.PostgreSql ? "(j.value ->> 'id')" : "json_extract(j.value, '$.id')";
}
