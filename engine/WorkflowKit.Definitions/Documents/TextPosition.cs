namespace WorkflowKit.Definitions.Documents;

/// <summary>A 1-based line and column in a source file.</summary>
public readonly record struct TextPosition(int Line, int Column);
