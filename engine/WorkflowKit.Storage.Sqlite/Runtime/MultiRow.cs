using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkflowKit.Storage.Sqlite.Runtime;

/// <summary>
/// Turns a one-row <c>INSERT ... VALUES (@A, @B) [ON CONFLICT ...]</c> into one statement for
/// several rows, <c>VALUES (@A_0, @B_0), (@A_1, @B_1)</c>, so that a step writing fourteen audit
/// lines runs one statement instead of fourteen. Statements whose text after the values uses
/// parameters, or whose values are not plain parameters, stay one row per execution.
/// </summary>
internal sealed partial class MultiRow
{
    /// <summary>Rows per statement; each distinct row count is one more prepared statement per connection.</summary>
    public const int MaxRows = 32;

    private static readonly ConcurrentDictionary<string, MultiRow?> Parsed = new(StringComparer.Ordinal);

    private readonly string _head;
    private readonly string[] _names;
    private readonly string _tail;
    private readonly ConcurrentDictionary<int, (string Sql, string[][] Names)> _texts = new();

    private MultiRow(string head, string[] names, string tail)
    {
        _head = head;
        _names = names;
        _tail = tail;
    }

    public static bool TryParse(string sql, out MultiRow insert)
    {
        insert = Parsed.GetOrAdd(sql, Parse)!;
        return insert is not null;
    }

    /// <summary>The statement for <paramref name="rows"/> and its parameter values, row by row.</summary>
    public (string Sql, (string Name, object? Value)[] Values) Bind((string Name, object? Value)[][] rows)
    {
        var (sql, names) = _texts.GetOrAdd(rows.Length, Text);
        var values = new (string Name, object? Value)[rows.Length * _names.Length];
        for (var row = 0; row < rows.Length; row++)
        {
            for (var column = 0; column < _names.Length; column++)
            {
                values[(row * _names.Length) + column] = (names[row][column], Value(rows[row], column, _names[column]));
            }
        }

        return (sql, values);
    }

    /// <summary>
    /// The value of parameter <paramref name="name"/> in <paramref name="row"/>. Parameter objects usually
    /// list their properties in the order of the statement's columns, so position <paramref name="column"/>
    /// is tried before the search by name.
    /// </summary>
    private static object? Value((string Name, object? Value)[] row, int column, string name)
    {
        if (column < row.Length && string.Equals(row[column].Name, name, StringComparison.Ordinal))
        {
            return row[column].Value;
        }

        foreach (var (candidate, value) in row)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        throw new InvalidOperationException($"The statement uses parameter {name}, but the row has no value for it.");
    }

    private (string, string[][]) Text(int rowCount)
    {
        var sql = new StringBuilder(_head);
        var names = new string[rowCount][];
        for (var row = 0; row < rowCount; row++)
        {
            names[row] = [.. _names.Select(name => $"{name}_{row}")];
            sql.Append(row == 0 ? " (" : ", (").AppendJoin(", ", names[row]).Append(')');
        }

        return (sql.Append(_tail).ToString(), names);
    }

    private static MultiRow? Parse(string sql)
    {
        var match = ValuesPattern().Match(sql);
        if (!match.Success || match.Groups["tail"].Value.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var names = match.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries);
        return names.All(name => ParameterPattern().IsMatch(name))
            ? new MultiRow(match.Groups["head"].Value, names, match.Groups["tail"].Value)
            : null;
    }

    [GeneratedRegex(@"^(?<head>INSERT INTO [^()]+\([^()]*\) VALUES) \((?<values>[^()]*)\)(?<tail>.*)$", RegexOptions.Singleline)]
    private static partial Regex ValuesPattern();

    [GeneratedRegex(@"^@\w+$")]
    private static partial Regex ParameterPattern();
}
