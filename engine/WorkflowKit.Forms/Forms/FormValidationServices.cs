using WorkflowKit.Expressions;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Records;

namespace WorkflowKit.Forms;

/// <summary>
/// What validators need beyond the form definition. Each is required only by the rules that
/// use it: <see cref="Directory"/> by member and department fields, <see cref="Records"/> by
/// unique fields and by related-record and option-linkage checks, <see cref="Conditions"/> by
/// cross-field and sub-table row rules. When <see cref="Reader"/> is
/// set, related records and linked options are read through the submitting user's
/// permissions; otherwise through the store directly.
/// </summary>
public sealed record FormValidationServices
{
    public IOrganizationDirectory? Directory { get; init; }

    public IRecordStore? Records { get; init; }

    public RecordReader? Reader { get; init; }

    public ConditionEvaluator? Conditions { get; init; }
}
