using System.Text.Json.Nodes;

namespace WorkflowKit.Forms.Validation;

/// <summary>One row of a sub-table being validated, with the submission it belongs to.</summary>
internal sealed record SubTableRow(JsonObject Row, FormSubmission Root, int Index)
{
    public FieldScope Scope { get; } = new(Row, Root, Index);
}
