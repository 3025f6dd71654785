using System.Text.Json.Nodes;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Expressions;

namespace WorkflowKit.Forms;

/// <summary>
/// The formula fields of a form in dependency order. A change to some fields recomputes only
/// the formulas that read them, directly or through other formulas, each once and after the
/// formulas it reads. Formulas of sub-table columns (node ids such as "lines.amount") are
/// computed per row and see their own row; a form formula may read a column of every row
/// (such as <c>SUM(lines.amount)</c>).
/// </summary>
/// <remarks>
/// A changed path may name a field ("discount"), a column ("lines.quantity") or a cell
/// ("lines[2].quantity"). A change to a sub-table itself (rows added or removed) counts as a
/// change of each of its columns. Defaults are not part of the graph; see <see cref="ApplyDefaults"/>.
/// </remarks>
public sealed class FormulaGraph
{
    /// <summary>The dependency an evaluator reports for an expression that may read any field.</summary>
    public const string AnyField = "*";

    private readonly Dictionary<string, FormulaNode> _nodes;
    private readonly Dictionary<string, List<string>> _dependents = new(StringComparer.Ordinal);
    private readonly IFormulaEvaluator _evaluator;
    private readonly FormDefinition _form;

    private FormulaGraph(FormDefinition form, IFormulaEvaluator evaluator, Dictionary<string, FormulaNode> nodes)
    {
        _form = form;
        _evaluator = evaluator;
        _nodes = nodes;
        foreach (var node in nodes.Values)
        {
            foreach (var dependency in node.Dependencies)
            {
                if (!_dependents.TryGetValue(dependency, out var list))
                {
                    _dependents[dependency] = list = [];
                }

                list.Add(node.Id);
            }
        }

        Order = TopologicalOrder();
    }

    /// <summary>Formula node ids in an order where each comes after every formula it reads.</summary>
    public IReadOnlyList<string> Order { get; }

    /// <summary>Returns whether a field or sub-table column of the form has a formula, a default or a default expression.</summary>
    public static bool HasComputedFields(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.Fields.Concat(form.Fields.SelectMany(field => field.Fields ?? []))
            .Any(field => field.Formula is not null || field.Default is not null || field.DefaultExpression is not null);
    }

    /// <summary>Builds the graph of a form's formulas.</summary>
    /// <exception cref="InvalidOperationException">Formulas read each other in a cycle; the message lists
    /// it.</exception>
    public static FormulaGraph Build(FormDefinition form, IFormulaEvaluator evaluator)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(evaluator);
        var nodes = new Dictionary<string, FormulaNode>(StringComparer.Ordinal);
        foreach (var field in form.Fields)
        {
            if (field.Formula is { } formula)
            {
                nodes[field.Id] = new FormulaNode(field.Id, null, field, formula,
                    Normalize(evaluator.Dependencies(formula), form, null));
            }

            foreach (var column in field.Fields ?? [])
            {
                if (column.Formula is { } columnFormula)
                {
                    var id = field.Id + "." + column.Id;
                    nodes[id] = new FormulaNode(id, field, column, columnFormula,
                        Normalize(evaluator.Dependencies(columnFormula), form, field));
                }
            }
        }

        return new FormulaGraph(form, evaluator, nodes);
    }

    /// <summary>Recomputes every formula; returns the node ids computed, in order.</summary>
    public IReadOnlyList<string> RecalculateAll(JsonObject data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var id in Order)
        {
            Compute(_nodes[id], data, cancellationToken);
        }

        return Order;
    }

    /// <summary>
    /// Recomputes the formulas that depend on <paramref name="changedPaths"/>, in dependency
    /// order; returns the node ids recomputed (empty when nothing depends on the change).
    /// </summary>
    public IReadOnlyList<string> Recalculate(
        JsonObject data, IEnumerable<string> changedPaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(changedPaths);
        var affected = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(changedPaths.SelectMany(ExpandChange));
        var anyChange = pending.Count > 0;
        while (pending.TryDequeue(out var path))
        {
            foreach (var dependent in _dependents.GetValueOrDefault(path) ?? [])
            {
                if (affected.Add(dependent))
                {
                    foreach (var next in ExpandChange(dependent))
                    {
                        pending.Enqueue(next);
                    }
                }
            }
        }

        if (anyChange)
        {
            // A script that indexes form with a computed key may read any field.
            affected.UnionWith(_dependents.GetValueOrDefault(AnyField) ?? []);
        }

        var recomputed = Order.Where(affected.Contains).ToList();
        foreach (var id in recomputed)
        {
            Compute(_nodes[id], data, cancellationToken);
        }

        return recomputed;
    }

    /// <summary>
    /// Fills empty fields (and empty cells of existing rows) that have a default: a constant or an
    /// expression evaluated once, as a form opens or a row is added. Returns the paths filled.
    /// </summary>
    public IReadOnlyList<string> ApplyDefaults(JsonObject data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var filled = new List<string>();
        foreach (var field in _form.Fields)
        {
            if (FieldValues.IsEmpty(data[field.Id]) && DefaultOf(field, data, null, cancellationToken) is { } value)
            {
                data[field.Id] = value;
                filled.Add(field.Id);
            }

            if (data[field.Id] is not JsonArray rows || field.Fields is not { } columns)
            {
                continue;
            }

            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i] is not JsonObject row)
                {
                    continue;
                }

                foreach (var column in columns)
                {
                    if (FieldValues.IsEmpty(row[column.Id]) && DefaultOf(column, data, row,
                        cancellationToken) is { } cell)
                    {
                        row[column.Id] = cell;
                        filled.Add(FieldValues.RowPath(field.Id, i, column.Id));
                    }
                }
            }
        }

        return filled;
    }

    private JsonNode? DefaultOf(FieldDefinition field, JsonObject data, JsonObject? row,
        CancellationToken cancellationToken) =>
        field.Default?.DeepClone() ??
        (field.DefaultExpression is { } expression ? _evaluator.Evaluate(expression, data, row, cancellationToken)
            : null);

    private void Compute(FormulaNode node, JsonObject data, CancellationToken cancellationToken)
    {
        if (node.Table is null)
        {
            data[node.Field.Id] = Evaluate(node, node.Field.Id, data, null, cancellationToken);
            return;
        }

        if (data[node.Table.Id] is not JsonArray rows)
        {
            return;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is JsonObject row)
            {
                row[node.Field.Id] = Evaluate(
                    node, FieldValues.RowPath(node.Table.Id, i, node.Field.Id), data, row, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Evaluates one node; numbers are rounded half away from zero to the field's scale when it has one.
    /// </summary>
    private JsonNode? Evaluate(
        FormulaNode node, string path, JsonObject data, JsonObject? row, CancellationToken cancellationToken)
    {
        JsonNode? value;
        try
        {
            value = _evaluator.Evaluate(node.Expression, data, row, cancellationToken)?.DeepClone();
        }
        catch (Exception error) when (error is InvalidOperationException or FormatException or ArgumentException
                                          or ScriptException)
        {
            throw new FormulaEvaluationException(
                path,
                $"The formula of '{path}' in form '{_form.Key}' could not be evaluated: {error.Message}",
                error);
        }

        if (node.Field.Scale is { } scale && FieldValues.TryGetDecimal(value, out var number))
        {
            return JsonValue.Create(Math.Round(number, scale, MidpointRounding.AwayFromZero));
        }

        return value;
    }

    /// <summary>
    /// The graph keys a change of <paramref name="path"/> touches: the path without row indexes, its
    /// table when it is a column (formulas over a whole table depend on the table id), and every
    /// column when it is a table (rows were added or removed).
    /// </summary>
    private IEnumerable<string> ExpandChange(string path)
    {
        var bracket = path.IndexOf('[', StringComparison.Ordinal);
        var normalized = bracket < 0 ? path : path[..bracket] + path[(path.IndexOf(']', bracket) + 1)..];
        yield return normalized;
        var dot = normalized.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            yield return normalized[..dot];
            yield break;
        }

        var table = _form.Fields.FirstOrDefault(field => field.Id == normalized && field.Type == FieldTypes.SubTable);
        foreach (var column in table?.Fields ?? [])
        {
            yield return table!.Id + "." + column.Id;
        }
    }

    private List<string> TopologicalOrder()
    {
        var order = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        foreach (var id in _nodes.Keys.Order(StringComparer.Ordinal))
        {
            Visit(id, state, stack, order);
        }

        return order;
    }

    private void Visit(string id, Dictionary<string, int> state, List<string> stack, List<string> order)
    {
        switch (state.GetValueOrDefault(id))
        {
            case 2:
                return;
            case 1:
                var cycle = stack.Skip(stack.IndexOf(id)).Append(id);
                throw new InvalidOperationException(
                    $"Formulas of form '{_form.Key}' read each other in a cycle: {string.Join(" → ", cycle)}; " +
                    "break the cycle by making one of them an input field.");
        }

        state[id] = 1;
        stack.Add(id);
        foreach (var dependency in NodeDependencies(_nodes[id]))
        {
            Visit(dependency, state, stack, order);
        }

        stack.RemoveAt(stack.Count - 1);
        state[id] = 2;
        order.Add(id);
    }

    /// <summary>
    /// The formula nodes a node must come after: formulas it reads by id, every column formula of a
    /// table it reads whole, and, for a node that may read any field, every node that may not.
    /// </summary>
    private IEnumerable<string> NodeDependencies(FormulaNode node)
    {
        if (node.Dependencies.Contains(AnyField))
        {
            return _nodes.Values
                .Where(other => other.Id != node.Id && !other.Dependencies.Contains(AnyField))
                .Select(other => other.Id)
                .Order(StringComparer.Ordinal);
        }

        return node.Dependencies
            .SelectMany(dependency => _nodes.ContainsKey(dependency)
                ? [dependency]
                : _nodes.Keys.Where(key => key.StartsWith(dependency + ".", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Maps the paths an expression reads to graph node ids: fields, and table.column for rows.</summary>
    private static HashSet<string> Normalize(IReadOnlyCollection<string> paths, FormDefinition form,
        FieldDefinition? table)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in paths)
        {
            var path = raw.StartsWith("form.", StringComparison.Ordinal) ? raw["form.".Length..] : raw;
            if (path == AnyField)
            {
                result.Add(AnyField);
                continue;
            }

            if (table is not null && path.StartsWith("row.", StringComparison.Ordinal))
            {
                result.Add(table.Id + "." + path["row.".Length..].Split('.')[0]);
                continue;
            }

            if (table is not null && table.Fields!.Any(column => column.Id == path))
            {
                result.Add(table.Id + "." + path);
                continue;
            }

            var parts = path.Split('.');
            var field = form.Fields.FirstOrDefault(candidate => candidate.Id == parts[0]);
            result.Add(field?.Type == FieldTypes.SubTable && parts.Length > 1 ? parts[0] + "." + parts[1] : parts[0]);
            if (field?.Type == FieldTypes.SubTable)
            {
                result.Add(parts[0]);
            }
        }

        return result;
    }

    private sealed record FormulaNode(
        string Id, FieldDefinition? Table, FieldDefinition Field, Expression Expression,
            IReadOnlySet<string> Dependencies);
}
