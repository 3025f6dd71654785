using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Expressions;

/// <summary>What a script node's run produced: the form and variables after the run, and its value.</summary>
public sealed record ScriptOutcome(JsonObject Form, JsonObject Vars, JsonNode? Result);
