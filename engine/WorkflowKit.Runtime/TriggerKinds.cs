namespace WorkflowKit.Runtime;

/// <summary>What started an instance.</summary>
public static class TriggerKinds
{
    public const string Form = "form";
    public const string Api = "api";
    public const string Schedule = "schedule";
    public const string Import = "import";
    public const string Record = "record";
    public const string SubFlow = "subFlow";
}
