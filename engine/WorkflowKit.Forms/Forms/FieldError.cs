using System.Text.Json.Nodes;

namespace WorkflowKit.Forms;

/// <summary>
/// One problem with a submitted value: the property path (such as <c>lines[2].quantity</c>, rows
/// counted from 0), a stable code (such as "required", "minimum", "readOnly"), the message in
/// the requested culture, and the value that was submitted.
/// </summary>
public sealed record FieldError(string Path, string Code, string Message, JsonNode? AttemptedValue);
