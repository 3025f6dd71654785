namespace WorkflowKit.Runtime.Incidents;

/// <summary>Kinds of incidents.</summary>
public static class IncidentKinds
{
    public const string Script = "script";
    public const string Expression = "expression";
    public const string Assignee = "assignee";
    public const string Routing = "routing";
    public const string Http = "http";
    public const string RetriesExhausted = "retriesExhausted";
    public const string Definition = "definition";
    public const string Loop = "loop";

    /// <summary>A record node would write a record that breaks its form's rules.</summary>
    public const string InvalidRecord = "invalidRecord";
}
