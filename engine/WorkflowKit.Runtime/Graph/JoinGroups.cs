namespace WorkflowKit.Runtime.Graph;

/// <summary>
/// Which tokens a parallel join counts together. A token waiting at a join belongs to the activation of the
/// innermost split in its scope that the join closes (<c>P:ACTIVATION</c>); without one, to its innermost
/// activation (<c>M:ACTIVATION</c>, or <c>M:</c> at top level). The join fires per group.
/// </summary>
internal static class JoinGroups
{
    /// <summary>Returns the group of a token with <paramref name="scope"/> that waits at the join of <paramref name="facts"/>.</summary>
    /// <param name="scope">The token's split activations, outermost first, joined by '/'.</param>
    /// <param name="facts">The join.</param>
    /// <param name="splitOf">The split node id of an activation, or null when the activation is unknown.</param>
    public static string Of(string scope, JoinFacts facts, Func<string, string?> splitOf)
    {
        var activations = scope.Length == 0 ? [] : scope.Split('/');
        for (var index = activations.Length - 1; index >= 0; index--)
        {
            if (splitOf(activations[index]) is { } split && facts.PairedSplits.Contains(split))
            {
                return "P:" + activations[index];
            }
        }

        return "M:" + (activations.Length == 0 ? string.Empty : activations[^1]);
    }

    /// <summary>Tells whether a token with <paramref name="scope"/> is inside <paramref name="activation"/>.</summary>
    public static bool InScope(string scope, string activation) =>
        scope == activation
        || scope.StartsWith(activation + "/", StringComparison.Ordinal)
        || scope.EndsWith("/" + activation, StringComparison.Ordinal)
        || scope.Contains("/" + activation + "/", StringComparison.Ordinal);
}
