using MudBlazor;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;
using WorkflowKit.Storage;

namespace WorkflowKit.Designer.Incidents;

/// <summary>The message that a page shows after a retry of an incident, in the page's language, and its severity.</summary>
public sealed record IncidentRetryOutcome(string Message, Severity Severity)
{
    /// <summary>
    /// Retries the incident as <paramref name="user"/> and words the outcome. A retry that the service rejects (an
    /// unknown or already resolved incident, a user who may not retry) becomes an error outcome instead of an exception.
    /// </summary>
    public static async Task<IncidentRetryOutcome> RetryAsync(
        IIncidentService incidents, AccountStore accounts, string incidentId, UserContext user, UiText text,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(accounts);
        var wording = new IncidentText(text);
        IncidentRetryResult result;
        try
        {
            result = await incidents.RetryAsync(incidentId, user, cancellationToken);
        }
        catch (Exception error) when (error is NotFoundException or ConcurrencyConflictException
                                          or AccessDeniedException)
        {
            return new IncidentRetryOutcome(wording.DescribeFailure(error), Severity.Error);
        }

        var names = (await accounts.ListAsync(cancellationToken))
            .ToDictionary(account => account.Id, account => account.DisplayName, StringComparer.Ordinal);
        return new IncidentRetryOutcome(
            wording.DescribeRetry(result, names),
            result.RaisedIncidents.Count > 0 ? Severity.Warning : Severity.Success);
    }
}
