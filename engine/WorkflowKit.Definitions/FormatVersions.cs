namespace WorkflowKit.Definitions;

/// <summary>Versions of the definition format.</summary>
public static class FormatVersions
{
    public const int Current = 1;
}
