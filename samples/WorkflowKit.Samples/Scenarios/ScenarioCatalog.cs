using System.Globalization;

namespace WorkflowKit.Samples.Scenarios;

/// <summary>The scenarios that <c>workflowkit scenario run NAME</c> runs, and the summary it prints.</summary>
public static class ScenarioCatalog
{
    /// <summary>Scenario names with a one-line description.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        [DailyScenario.Name] = "import ERP and Excel files, run credit reviews, take 200 orders to shipment, "
            + "run the batch-expiry watch",
    };

    /// <summary>Runs scenario <paramref name="name"/> on <paramref name="db"/>.</summary>
    /// <exception cref="ArgumentException">No scenario has this name.</exception>
    public static Task<ScenarioSummary> RunAsync(
        string name, string db, SampleLoadOptions options, TextWriter? log, CancellationToken cancellationToken) =>
        name switch
        {
            DailyScenario.Name => DailyScenario.RunAsync(db, options, log, cancellationToken),
            _ => throw new ArgumentException(
                $"No scenario is named \"{name}\"; choose one of: {string.Join(", ", All.Keys)}.", nameof(name)),
        };

    /// <summary>The summary as printed by the command line, one "label: number" line each.</summary>
    public static IReadOnlyList<string> Format(ScenarioSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        (string Label, int Value)[] lines =
        [
            ("credit reviews", summary.CreditReviews),
            ("overdue warnings", summary.OverdueWarnings),
            ("orders submitted", summary.OrdersSubmitted),
            ("orders shipped", summary.OrdersShipped),
            ("orders blocked by credit", summary.OrdersBlockedByCredit),
            ("orders waiting for approval", summary.OrdersWaitingForApproval),
            ("orders cancelled for shortage", summary.OrdersCancelledForShortage),
            ("batches allocated", summary.BatchesAllocated),
            ("stock warnings", summary.StockWarnings),
            ("receivables created", summary.ReceivablesCreated),
            ("batches flagged 90 days", summary.BatchesFlagged90),
            ("batches flagged 60 days", summary.BatchesFlagged60),
            ("batches flagged 30 days", summary.BatchesFlagged30),
            ("batches no customer can take", summary.BatchesUnshippable),
            ("batches quarantined", summary.BatchesQuarantined),
            ("open incidents", summary.Incidents),
        ];
        return
        [
            .. lines.Select(line => string.Create(CultureInfo.InvariantCulture, $"{line.Label}: {line.Value}")),
            .. summary.IncidentMessages.Select(message => "incident: " + message),
        ];
    }
}
