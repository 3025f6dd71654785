using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Portal;

/// <summary>Words where a running submission waits, in the page language, with times in the tenant time zone.</summary>
public static class InstanceWaitText
{
    /// <summary>Returns the step's name, and what the step waits for when it is not a person's task.</summary>
    public static string Of(InstanceWait wait, UiText text, TenantTime times)
    {
        ArgumentNullException.ThrowIfNull(wait);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(times);
        var step = wait.NodeName.Get(text.Culture);
        return wait.Kind switch
        {
            InstanceWaitKinds.Timer when wait.Until is { } until => text.Format("{0}: waits until {1}", step, times.Format(until)),
            InstanceWaitKinds.Join => text.Format("{0}: waits for the other branches", step),
            InstanceWaitKinds.SubFlow when wait.ChildInstanceIds.Count > 1 =>
                text.Format("{0}: waits for {1} sub-flows to end", step, wait.ChildInstanceIds.Count),
            InstanceWaitKinds.SubFlow => text.Format("{0}: waits for its sub-flow to end", step),
            InstanceWaitKinds.Call => text.Format("{0}: waits for the reply of its call", step),
            InstanceWaitKinds.Retry when wait.Until is { } at => text.Format("{0}: retries at {1}", step, times.Format(at)),
            InstanceWaitKinds.Incident => text.Format("{0}: stopped at an incident", step),
            _ => step,
        };
    }
}
