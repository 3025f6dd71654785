namespace WorkflowKit.Runtime.Migration;

/// <summary>Raised when a migration plan has problems, before anything is written.</summary>
public sealed class MigrationBlockedException : InvalidOperationException
{
    public MigrationBlockedException(MigrationPlan plan)
        : base(Describe(plan))
    {
        Plan = plan;
    }

    public MigrationBlockedException()
    {
    }

    public MigrationBlockedException(string message)
        : base(message)
    {
    }

    public MigrationBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The plan with its problems, or null when the exception was built from a message only.</summary>
    public MigrationPlan? Plan { get; }

    private static string Describe(MigrationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return $"Instance {plan.InstanceId} cannot move from version {plan.SourceVersion} to {plan.TargetVersion} " +
               $"of flow '{plan.FlowKey}': {string.Join(" ", plan.Problems.Select(problem => problem.Message))}";
    }
}
