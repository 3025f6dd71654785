namespace WorkflowKit.Designer.Services;

/// <summary>How a person started an instance in the designer, stored as the instance's trigger kind.</summary>
public enum StartChannel
{
    /// <summary>The start form of the work portal.</summary>
    Form,

    /// <summary><c>POST /api/instances</c>.</summary>
    Api,
}
