using System.Text.Json.Nodes;

namespace WorkflowKit.Forms.Validation;

/// <summary>A synchronous check of one field value; returns the message, or null when the value passes.</summary>
internal sealed record FieldCheck(string Code, Func<JsonNode?, FieldScope, string?> Check);
