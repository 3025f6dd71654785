namespace WorkflowKit.Definitions.Flows;

/// <summary>Names of trigger types.</summary>
public static class TriggerTypes
{
    /// <summary>A submission of the flow's form.</summary>
    public const string Form = "form";

    /// <summary>A cron schedule.</summary>
    public const string Schedule = "schedule";

    /// <summary>A call of the REST API or the library.</summary>
    public const string Api = "api";

    /// <summary>One start per row of a data import into the flow's form.</summary>
    public const string Import = "import";

    /// <summary>A record of a form was created or updated.</summary>
    public const string Record = "record";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Form, Schedule, Api, Import, Record,
    };
}
