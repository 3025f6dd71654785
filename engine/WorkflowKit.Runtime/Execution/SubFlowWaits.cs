using System.Text.Json.Nodes;
using WorkflowKit.Runtime.Storage;

namespace WorkflowKit.Runtime.Execution;

/// <summary>
/// What a token at a sub-flow node waits for. A single sub-flow is the token's <c>WaitRef</c>. A <c>forEach</c> node
/// that waits keeps, in <c>WaitState</c>, the output of every sub-flow in element order (<c>results</c>) and the ids of
/// those still running (<c>pending</c>), and <c>WaitRef</c> names the first pending one.
/// </summary>
/// <remarks>
/// NOTE: two children that end at the same moment update the parent in two steps, and the step that loses on the
/// parent's version relies on the engine's retry of instance conflicts. No test runs that race concurrently.
/// </remarks>
internal static class SubFlowWaits
{
    private const string Pending = "pending";
    private const string Results = "results";

    /// <summary>Makes the token wait for every sub-flow in <paramref name="pending"/>, keeping the outputs so far.</summary>
    public static void WaitForAll(TokenRecord token, JsonArray results, IReadOnlyList<string> pending)
    {
        token.Status = TokenStatuses.Waiting;
        token.WaitKind = WaitKinds.SubFlow;
        token.WaitRef = pending[0];
        token.WaitState = new JsonObject
        {
            [Results] = results,
            [Pending] = new JsonArray([.. pending.Select(id => (JsonNode)id)]),
        };
    }

    /// <summary>Returns the ids of the running sub-flows that the token waits for, or none.</summary>
    public static IReadOnlyList<string> ChildrenOf(TokenRecord token)
    {
        if (token.WaitKind != WaitKinds.SubFlow)
        {
            return [];
        }

        if (token.WaitState?[Pending] is JsonArray pending)
        {
            return [.. pending.Select(id => id!.GetValue<string>())];
        }

        return token.WaitRef is { } child ? [child] : [];
    }

    public static bool WaitsFor(TokenRecord token, string childId) =>
        ChildrenOf(token).Contains(childId, StringComparer.Ordinal);

    /// <summary>
    /// Records that <paramref name="child"/> ended. Returns the node's output once no sub-flow is pending: the child's
    /// output for a single sub-flow, the outputs of all of them in element order for <c>forEach</c>. Returns null while
    /// others still run.
    /// </summary>
    public static JsonNode? Arrive(TokenRecord token, InstanceRecord child, JsonObject vars)
    {
        var output = FlowRunner.SubFlowOutput(child, vars);
        if (token.WaitState?[Pending] is not JsonArray pending || token.WaitState[Results] is not JsonArray results)
        {
            return output;
        }

        for (var index = 0; index < results.Count; index++)
        {
            if (results[index]?["instanceId"]?.GetValue<string>() == child.Id)
            {
                results[index] = output;
            }
        }

        var left = pending.Select(id => id!.GetValue<string>()).Where(id => id != child.Id).ToList();
        if (left.Count == 0)
        {
            return results.DeepClone();
        }

        token.WaitRef = left[0];
        token.WaitState[Pending] = new JsonArray([.. left.Select(id => (JsonNode)id)]);
        return null;
    }
}
