using System.Text.Json.Nodes;
using WorkflowKit.Designer.Versions;

namespace WorkflowKit.Designer.Forms;

/// <summary>
/// What changed between two versions of a form: fields and cross-field rules matched by id, with the old and new value
/// of each changed property, and the form's own properties such as its name. A sub-table's columns are compared
/// inside the sub-table field, as <c>fields[COLUMN].PROPERTY</c>. Reordering fields is not a change.
/// </summary>
public sealed record FormDiff(
    IReadOnlyList<string> AddedFields,
    IReadOnlyList<string> RemovedFields,
    IReadOnlyDictionary<string, IReadOnlyList<ValueChange>> FieldChanges,
    IReadOnlyList<string> AddedRules,
    IReadOnlyList<string> RemovedRules,
    IReadOnlyDictionary<string, IReadOnlyList<ValueChange>> RuleChanges,
    IReadOnlyList<ValueChange> FormChanges)
{
    public bool IsEmpty => AddedFields.Count + RemovedFields.Count + FieldChanges.Count + AddedRules.Count
        + RemovedRules.Count + RuleChanges.Count + FormChanges.Count == 0;

    /// <summary>Compares two versions given as the JSON the store keeps.</summary>
    public static FormDiff Compute(string fromJson, string toJson)
    {
        var from = JsonNode.Parse(fromJson) as JsonObject
            ?? throw new ArgumentException("Expected the older form version to be a JSON object.", nameof(fromJson));
        var to = JsonNode.Parse(toJson) as JsonObject
            ?? throw new ArgumentException("Expected the newer form version to be a JSON object.", nameof(toJson));
        var oldFields = ById(from["fields"]);
        var newFields = ById(to["fields"]);
        var oldRules = ById(from["rules"]);
        var newRules = ById(to["rules"]);

        return new FormDiff(
            [.. newFields.Keys.Except(oldFields.Keys)],
            [.. oldFields.Keys.Except(newFields.Keys)],
            Changes(oldFields, newFields),
            [.. newRules.Keys.Except(oldRules.Keys)],
            [.. oldRules.Keys.Except(newRules.Keys)],
            Changes(oldRules, newRules),
            ValueChanges.Compare(from, to, "fields", "rules"));
    }

    private static Dictionary<string, IReadOnlyList<ValueChange>> Changes(
        Dictionary<string, JsonNode> before, Dictionary<string, JsonNode> after)
    {
        var changes = new Dictionary<string, IReadOnlyList<ValueChange>>(StringComparer.Ordinal);
        foreach (var (id, item) in after)
        {
            if (before.TryGetValue(id, out var old) && !JsonNode.DeepEquals(old, item))
            {
                changes[id] = ValueChanges.Compare(old, item);
            }
        }

        return changes;
    }

    // Items of an array by their "id", in order. An item without an id cannot be matched, so it is left out.
    private static Dictionary<string, JsonNode> ById(JsonNode? items)
    {
        var byId = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var item in (items as JsonArray) ?? [])
        {
            if (item is JsonObject entry && entry["id"] is JsonValue id && id.TryGetValue<string>(out var key))
            {
                byId.TryAdd(key, entry);
            }
        }

        return byId;
    }
}
