using System.Text.Json.Nodes;

namespace WorkflowKit.Expressions;

/// <summary>The outcome of <see cref="ScriptHost.Execute"/>.</summary>
/// <param name="Form">The form values after the script ran (a new object; the input is untouched).</param>
/// <param name="Vars">The flow variables after the script ran (a new object; the input is untouched).</param>
/// <param name="Value">The completion value of the script's last expression statement, or null.</param>
public sealed record ScriptResult(JsonObject Form, JsonObject Vars, JsonNode? Value);
