namespace WorkflowKit.Runtime.Graph;

/// <summary>
/// What a parallel join needs to decide whether it fires.
/// </summary>
/// <param name="JoinId">The join node.</param>
/// <param name="Feeders">
/// Per incoming edge id, the nodes from which a token can still travel to that edge without
/// passing through the join: a live token standing on one of them may still deliver there.
/// </param>
/// <param name="PairedSplits">
/// Splits whose activation the join closes: splits with two branches that reach two different
/// incoming edges. Tokens leave the join outside that activation.
/// </param>
public sealed record JoinFacts(
    string JoinId, IReadOnlyDictionary<string, IReadOnlySet<string>> Feeders, IReadOnlySet<string> PairedSplits);
