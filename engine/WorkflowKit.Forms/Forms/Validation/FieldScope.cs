using System.Text.Json.Nodes;

namespace WorkflowKit.Forms.Validation;

/// <summary>The object a field lives in (the form data or one sub-table row) and the whole submission.</summary>
internal sealed record FieldScope(JsonObject Data, FormSubmission Root, int? RowIndex);
