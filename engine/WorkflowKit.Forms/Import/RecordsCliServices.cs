using WorkflowKit.Expressions;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Records;
using WorkflowKit.Storage;

namespace WorkflowKit.Import;

/// <summary>The stores and services the record commands of the command line work on.</summary>
public sealed record RecordsCliServices(
    IDatabase Database,
    IRecordStore Store,
    IRecordQueries Queries,
    IRecordFormRegistry Forms,
    IOrganizationDirectory Directory,
    IPermissionRuleStore Rules,
    IParticipationSource Participation)
{
    /// <summary>Evaluates cross-field and row rules; a default bounded script host is used when null.</summary>
    public ConditionEvaluator? Conditions { get; init; }

    /// <summary>
    /// The uploaded files that attachment, image and signature cells must name. Each named file must exist and fit its
    /// field, and a row that fails gets a row error. Any user's upload may be named, because the command line's user
    /// has the whole database. When null, only the shape of a file value is checked.
    /// </summary>
    public Files.IFileStore? Files { get; init; }

    /// <summary>Starts the flows of the form per imported row; null when no flow has an import trigger.</summary>
    public IImportRowStarter? RowStarter { get; init; }
}
