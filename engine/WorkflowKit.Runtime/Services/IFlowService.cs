using System.Text.Json.Nodes;

namespace WorkflowKit.Runtime.Services;

/// <summary>
/// A computation in .NET that a flow calls through a <c>service</c> node, for work that is too heavy or too
/// numeric for a bounded script, such as a demand forecast over the order history.
/// </summary>
/// <remarks>
/// The engine calls a service inside the step of the instance that reaches the node, with that step's
/// transaction, so records read through <see cref="FlowServiceContext.Records"/> are those the step sees.
/// A service must only read: it writes nothing and sends nothing, because a failed step is retried and its
/// side effects must stay inside the transaction. An <see cref="ArgumentException"/> (invalid input) raises a
/// definition incident; any other exception is retried with the node's retry policy.
/// </remarks>
public interface IFlowService
{
    /// <summary>The name a <c>service</c> node uses, such as "replenishment.shortfalls".</summary>
    string Name { get; }

    /// <summary>Computes the node's result from its evaluated <paramref name="input"/>.</summary>
    Task<JsonNode?> InvokeAsync(FlowServiceContext context, JsonObject input, CancellationToken cancellationToken);
}
