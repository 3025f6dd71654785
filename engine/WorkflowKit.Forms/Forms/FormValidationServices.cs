using WorkflowKit.Expressions;
using WorkflowKit.Organization;
using WorkflowKit.Permissions;
using WorkflowKit.Records;

namespace WorkflowKit.Forms;

/// <summary>
/// What validators need beyond the form definition. Each is required only by the rules that
/// use it: <see cref="Directory"/> by member and department fields, <see cref="Records"/> by
/// unique fields and by related-record and option-linkage checks, <see cref="Conditions"/> by
/// cross-field and sub-table row rules, <see cref="Files"/> by file fields. When <see cref="Reader"/> is
/// set, related records and linked options are read through the submitting user's
/// permissions; otherwise through the store directly.
/// </summary>
public sealed record FormValidationServices
{
    public IOrganizationDirectory? Directory { get; init; }

    public IRecordStore? Records { get; init; }

    public RecordReader? Reader { get; init; }

    public ConditionEvaluator? Conditions { get; init; }

    /// <summary>
    /// The uploaded files that attachment, image and signature values must name. When null, only the shape of a
    /// value is checked, as in a form preview; every server path that stores data sets it.
    /// </summary>
    public Files.IFileStore? Files { get; init; }

    /// <summary>
    /// Whether file values may name files that another user uploaded. Set it only for data that the engine writes from
    /// data it already accepted, such as a record node's record. The field's own limits are checked either way.
    /// </summary>
    public bool FilesOfAnyUploader { get; init; }

    /// <summary>
    /// When set, a file value may also name a file that another user uploaded and the submitting user may read, as
    /// imports allow. When null, a file must be the submitting user's own upload or already be in the data.
    /// </summary>
    public Files.IFileReadAccess? FileReadAccess { get; init; }

    /// <summary>
    /// Clock of the lookups with a validity period whose document date is empty and whose submission sets no
    /// <see cref="FormSubmission.Today"/>.
    /// </summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Time zone in which <see cref="Time"/> gives today's date; the tenant default Asia/Shanghai when null.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>Returns <paramref name="submission"/>'s date, or else today in <see cref="TimeZone"/>.</summary>
    internal DateOnly TodayFor(FormSubmission submission) =>
        submission.Today ?? ValidOn.Today(Time, Zone);

    internal TimeZoneInfo Zone => TimeZone ?? DefaultZone;

    private static readonly TimeZoneInfo DefaultZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
}
