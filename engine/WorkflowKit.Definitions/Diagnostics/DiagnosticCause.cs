namespace WorkflowKit.Definitions.Diagnostics;

/// <summary>
/// The diagnostic of the same file that another one follows from, named by its code and JSON pointer. Fixing the
/// cause also clears the diagnostics that name it, such as the nodes behind an edge that leads to a missing node.
/// </summary>
public sealed record DiagnosticCause(string Code, string Pointer);
