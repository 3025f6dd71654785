using System.Text.Json.Nodes;

namespace WorkflowKit.Definitions.Conditions;

/// <summary>
/// One comparison: a field path, an operator from <see cref="RuleOperators"/>, and either a literal
/// value, another field to compare with, or a user attribute (for data permission rules).
/// </summary>
/// <remarks>
/// Field paths: a form field id ("total"), a flow variable ("vars.approved"), an initiator
/// attribute ("initiator.region"), or a column of the current sub-table row ("row.quantity").
/// </remarks>
public sealed class Rule
{
    public string Field { get; set; } = string.Empty;

    public string Operator { get; set; } = RuleOperators.Equal;

    /// <summary>Literal to compare with; an array for "in" and "notIn", two items for "between".</summary>
    public JsonNode? Value { get; set; }

    /// <summary>Another field path whose value is compared with <see cref="Field"/>.</summary>
    public string? ValueField { get; set; }

    /// <summary>An attribute of the current user such as "user.region", "user.id" or "user.department".</summary>
    public string? ValueFrom { get; set; }
}
