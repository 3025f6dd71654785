namespace WorkflowKit.Runtime.Incidents;

/// <summary>
/// How an incident was resolved. The instance-end values are the instance statuses that resolve the
/// incident's token without running its node again.
/// </summary>
public static class IncidentResolutions
{
    /// <summary>Someone retried the incident and its node ran again.</summary>
    public const string Retried = "retried";

    /// <summary>A return to the initiator ended the token that waited at the incident.</summary>
    public const string Returned = "returned";

    /// <summary>The initiator withdrew the instance.</summary>
    public const string Withdrawn = InstanceStatuses.Withdrawn;

    /// <summary>An administrator cancelled (terminated) the instance, or its parent instance ended.</summary>
    public const string Cancelled = InstanceStatuses.Cancelled;

    /// <summary>A rejection ended the instance while one of its branches waited at the incident.</summary>
    public const string Rejected = InstanceStatuses.Rejected;
}
