namespace WorkflowKit.Designer.Services;

/// <summary>Kinds of definitions the designer edits.</summary>
public enum DefinitionKind
{
    Form,
    Flow,
}
