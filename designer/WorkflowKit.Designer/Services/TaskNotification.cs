namespace WorkflowKit.Designer.Services;

/// <summary>Which users' task lists changed, and why.</summary>
public sealed record TaskNotification(IReadOnlyCollection<string> UserIds, string InstanceId, string Reason);
