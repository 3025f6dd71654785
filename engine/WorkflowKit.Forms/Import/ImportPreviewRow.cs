using System.Text.Json.Nodes;

namespace WorkflowKit.Import;

/// <summary>One converted row of a preview with the errors it would be rejected for.</summary>
public sealed record ImportPreviewRow(long Row, JsonObject Data, IReadOnlyList<ImportRowError> Errors);
