using System.Text.Json.Nodes;

namespace WorkflowKit.Designer.Services.Engine;

/// <summary>
/// The fields and sub-table columns that the engine's task view removed from an instance's form data. The designer
/// derives them by comparing the stored data with the view, so only the engine's field guard reads node permissions.
/// It then removes them from other copies of the data, such as the instance detail of a user with tasks at several
/// nodes.
/// </summary>
internal sealed class HiddenData
{
    private readonly HashSet<string> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _columns = new(StringComparer.Ordinal);

    /// <summary>
    /// Sub-tables whose view has fewer rows than the stored data, such as a task that shows only the rows its user
    /// owns, with the fewest rows seen in a view.
    /// </summary>
    private readonly Dictionary<string, JsonArray> _rowSubsets = new(StringComparer.Ordinal);

    /// <summary>
    /// Collects what <paramref name="visible"/> lacks compared with <paramref name="stored"/>: top-level fields, and
    /// columns that a stored sub-table row has and the same row of the view does not.
    /// </summary>
    /// <remarks>
    /// NOTE: a hidden column that has no value in any stored row is not collected, which is harmless for the stored
    /// data because there is nothing to remove.
    /// </remarks>
    public void Add(JsonObject stored, JsonObject visible)
    {
        foreach (var (fieldId, value) in stored)
        {
            if (!visible.ContainsKey(fieldId))
            {
                _fields.Add(fieldId);
                continue;
            }

            if (value is JsonArray rows && visible[fieldId] is JsonArray visibleRows)
            {
                if (visibleRows.Count < rows.Count)
                {
                    // The positions of the kept rows are unknown here, so the view's rows replace the stored ones.
                    if (!_rowSubsets.TryGetValue(fieldId, out var seen) || visibleRows.Count < seen.Count)
                    {
                        _rowSubsets[fieldId] = (JsonArray)visibleRows.DeepClone();
                    }

                    continue;
                }

                AddColumns(fieldId, rows, visibleRows);
            }
        }
    }

    /// <summary>The collected fields, and the collected columns as <c>table.column</c>, in ordinal order.</summary>
    public IReadOnlyList<string> Paths =>
    [
        .. _fields.Concat(_columns.SelectMany(pair => pair.Value.Select(column => $"{pair.Key}.{column}")))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Returns a copy of <paramref name="data"/> without the collected fields and columns.</summary>
    public JsonObject RemoveFrom(JsonObject data)
    {
        var copy = (JsonObject)data.DeepClone();
        foreach (var fieldId in _fields)
        {
            copy.Remove(fieldId);
        }

        foreach (var (table, rows) in _rowSubsets)
        {
            if (!_fields.Contains(table))
            {
                copy[table] = rows.DeepClone();
            }
        }

        foreach (var (table, columns) in _columns)
        {
            foreach (var row in (copy[table] as JsonArray ?? []).OfType<JsonObject>())
            {
                foreach (var column in columns)
                {
                    row.Remove(column);
                }
            }
        }

        return copy;
    }

    /// <summary>
    /// Returns a copy of audit changes (<c>{"field": {"old": ..., "new": ...}}</c>) without the collected fields, and
    /// with the collected columns removed from the old and new rows of sub-tables. A sub-table whose rows then no
    /// longer differ is left out, because only a hidden column changed.
    /// </summary>
    public JsonObject RemoveFromChanges(JsonObject changes)
    {
        var copy = new JsonObject();
        foreach (var (fieldId, change) in changes)
        {
            // A change of a sub-table whose rows the viewer sees only in part would show the other rows.
            if (_fields.Contains(fieldId) || _rowSubsets.ContainsKey(fieldId))
            {
                continue;
            }

            if (change is not JsonObject pair || !_columns.TryGetValue(fieldId, out var columns))
            {
                copy[fieldId] = change?.DeepClone();
                continue;
            }

            var old = WithoutColumns(pair["old"], columns);
            var current = WithoutColumns(pair["new"], columns);
            if (!JsonNode.DeepEquals(old, current))
            {
                copy[fieldId] = new JsonObject { ["old"] = old, ["new"] = current };
            }
        }

        return copy;
    }

    private static JsonNode? WithoutColumns(JsonNode? rows, HashSet<string> columns)
    {
        var copy = rows?.DeepClone();
        foreach (var row in (copy as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var column in columns)
            {
                row.Remove(column);
            }
        }

        return copy;
    }

    private void AddColumns(string table, JsonArray rows, JsonArray visibleRows)
    {
        for (var index = 0; index < Math.Min(rows.Count, visibleRows.Count); index++)
        {
            if (rows[index] is not JsonObject row || visibleRows[index] is not JsonObject visibleRow)
            {
                continue;
            }

            foreach (var (column, _) in row.Where(pair => !visibleRow.ContainsKey(pair.Key)))
            {
                if (!_columns.TryGetValue(table, out var columns))
                {
                    _columns[table] = columns = new HashSet<string>(StringComparer.Ordinal);
                }

                columns.Add(column);
            }
        }
    }
}
