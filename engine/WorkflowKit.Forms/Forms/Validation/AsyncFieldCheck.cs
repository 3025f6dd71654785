using System.Text.Json.Nodes;

namespace WorkflowKit.Forms.Validation;

/// <summary>A check that reads the database or directory; returns the message, or null when the value passes.</summary>
internal sealed record AsyncFieldCheck(
    string Code, Func<JsonNode?, FieldScope, CancellationToken, Task<string?>> Check);
