namespace WorkflowKit.Runtime.Delegations;

/// <summary>Why a delegation was rejected. Screens word their own message from it.</summary>
public enum DelegationError
{
    /// <summary>The delegating user is missing or not in the organisation directory.</summary>
    UserNotFound,

    /// <summary>No delegate was named.</summary>
    DelegateMissing,

    /// <summary>The delegate is the delegating user.</summary>
    DelegatesToSelf,

    /// <summary>The delegate is not in the organisation directory, or the account is disabled.</summary>
    DelegateNotFound,

    /// <summary>The start or the end is missing.</summary>
    TimeMissing,

    /// <summary>The end is not after the start.</summary>
    EndNotAfterStart,

    /// <summary>The end has already passed.</summary>
    EndInPast,

    /// <summary>The note is longer than <see cref="DelegationService.MaxNoteLength"/> characters.</summary>
    NoteTooLong,

    /// <summary>A flow key in the filter is blank.</summary>
    FlowKeyBlank,

    /// <summary>Another delegation of the same user that has not ended overlaps the period.</summary>
    Overlaps,

    /// <summary>The caller may neither create nor end delegations of another user.</summary>
    NotPermitted,

    /// <summary>The delegation does not exist.</summary>
    NotFound,

    /// <summary>The delegation was ended already, or its period is over.</summary>
    AlreadyEnded,

    /// <summary>A flow key in the filter names no published flow.</summary>
    FlowNotFound,

    /// <summary>A start or end time carries a UTC offset or Z instead of being a wall-clock time in the tenant zone.</summary>
    TimeHasOffset,
}
