using System.Collections.Frozen;
using WorkflowKit.Definitions.Diagnostics;

namespace WorkflowKit.Designer.Diagnostics;

/// <summary>
/// The designer's general wording of each validator diagnostic code, an English composite format keyed by code. In
/// each format, <c>{0}</c> is the place the diagnostic points to (a node, branch, field or rule by its display name)
/// and <c>{1}</c> is the setting concerned. <see cref="DiagnosticText"/> uses it for codes, and for cases of a code,
/// that have no more specific wording, and shows the validator's own message under it as detail.
/// <see cref="Localization.DiagnosticChineseStrings"/> holds the Chinese text of every format.
/// </summary>
public static class DiagnosticWordings
{
    /// <summary>
    /// The codes whose general wording sends the reader to the validator's message for a value it quotes, such as a
    /// line and column or the expected type. <see cref="DiagnosticText.Detail"/> shows that message on a Chinese page
    /// for these codes only.
    /// </summary>
    public static FrozenSet<string> NeedValidatorMessage { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        DiagnosticCodes.JsonSyntax, DiagnosticCodes.ModelUnreadable, DiagnosticCodes.WrongType,
    }.ToFrozenSet(StringComparer.Ordinal);

    public static FrozenDictionary<string, string> General { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [DiagnosticCodes.NotUtf8] =
            "{0}: the file is saved as UTF-16 or UTF-32, but definitions must be UTF-8. Save it again as UTF-8.",
        [DiagnosticCodes.InvalidUtf8] =
            "{0}: the file contains bytes that are not valid UTF-8. Save it again as UTF-8.",
        [DiagnosticCodes.JsonSyntax] =
            "{0} is not valid JSON. Correct the text at the line and column given in the details.",
        [DiagnosticCodes.DuplicateKey] =
            "{0} sets \"{1}\" twice, and only the last value would count. Remove one of them.",
        [DiagnosticCodes.FileUnreadable] =
            "{0} cannot be read. Check that the file exists and can be opened, then try again.",
        [DiagnosticCodes.ModelUnreadable] =
            "{0} matches the format but cannot be loaded. Correct the value named in the details.",
        [DiagnosticCodes.UnknownKind] =
            "{0} does not say whether it is a form, a flow, a view or a package. Set \"kind\" to one of them.",
        [DiagnosticCodes.UnsupportedFormatVersion] =
            "{0} has a format version that this version of WorkflowKit cannot read. Export it again from a matching version, or correct \"formatVersion\".",
        [DiagnosticCodes.SchemaReference] =
            "{0} names the wrong schema file in \"$schema\". Correct it to the schema of the document's kind.",
        [DiagnosticCodes.ReferencedDocumentMissing] =
            "{0} uses a form or flow that is not part of this check, so the checks against it were skipped. Publish or import it together with this one.",
        [DiagnosticCodes.MissingProperty] =
            "{0} lacks the required setting \"{1}\". Fill it in.",
        [DiagnosticCodes.UnknownProperty] =
            "{0} has the setting \"{1}\", which does not belong there. Remove it or correct its spelling (names are case-sensitive).",
        [DiagnosticCodes.WrongType] =
            "{0}: the value of \"{1}\" has the wrong type. Change it as the details say.",
        [DiagnosticCodes.ValueNotAllowed] =
            "{0}: the value of \"{1}\" is not one of the allowed values. Choose an allowed value.",
        [DiagnosticCodes.ConstraintViolated] =
            "{0}: the value of \"{1}\" breaks a rule of the format, such as its pattern, length or range. Change the value.",
        [DiagnosticCodes.FormNotPublished] =
            "{0} uses a form that has no published version. Publish the form first, or import it in the same package.",
        [DiagnosticCodes.UnknownFieldType] =
            "{0} has a field type that the format does not know. Choose one of the designer's field types.",
        [DiagnosticCodes.DuplicateFieldId] =
            "{0} has the same id as another field. Give one of them a different id.",
        [DiagnosticCodes.InvalidRegex] =
            "{0}: the regular expression is invalid. Correct the pattern.",
        [DiagnosticCodes.UnknownField] =
            "{0} uses a field that the form does not have. Choose an existing field.",
        [DiagnosticCodes.FieldPropertyNotApplicable] =
            "{0} has the setting \"{1}\", which does not apply to this field type and is ignored. Remove it.",
        [DiagnosticCodes.SelectWithoutOptions] =
            "{0} has no options, so nothing can be chosen. Add options, or link it to another form's records.",
        [DiagnosticCodes.SubTableWithoutColumns] =
            "{0} is a sub-table without columns. Add at least one column.",
        [DiagnosticCodes.MinGreaterThanMax] =
            "{0}: the minimum is greater than the maximum. Lower the minimum or raise the maximum.",
        [DiagnosticCodes.DuplicateOptionValue] =
            "{0} has two options with the same value. Give each option a value of its own.",
        [DiagnosticCodes.MissingTypeSetting] =
            "{0} lacks a setting that its type needs: a formula for a formula field, a related form for a related field. Fill it in.",
        [DiagnosticCodes.DuplicateRuleId] =
            "{0} has the same id as another rule. Give one of them a different id.",
        [DiagnosticCodes.SerialWithoutSequence] =
            "{0}: the serial number pattern has no running number. Add one, such as {{seq:4}} for a four-digit number.",
        [DiagnosticCodes.UnknownNodeType] =
            "{0} has a node type that the format does not know. Choose one of the designer's node types.",
        [DiagnosticCodes.DuplicateNodeId] =
            "{0} has the same id as another node. Give one of them a different id.",
        [DiagnosticCodes.DuplicateEdgeId] =
            "{0} has the same id as another connection. Give one of them a different id.",
        [DiagnosticCodes.EdgeToMissingNode] =
            "{0} starts or ends at a node that does not exist. Connect it to an existing node, or delete it.",
        [DiagnosticCodes.StartNodeCount] =
            "The flow needs exactly one start node. Keep one start node and connect the other steps after it.",
        [DiagnosticCodes.NoEndNode] =
            "The flow has no end node, so no request can finish. Add an end node and connect the last steps to it.",
        [DiagnosticCodes.UnreachableNode] =
            "{0} cannot be reached from the start, so it never runs. Connect a node to it, or delete it.",
        [DiagnosticCodes.NoPathToEnd] =
            "{0} has no path to an end node, so requests that reach it never finish. Connect it towards an end node.",
        [DiagnosticCodes.ConditionWithoutDefault] =
            "{0}: a condition node has no default branch, so a request that meets no condition would stop there. Mark one branch as the default.",
        [DiagnosticCodes.SeveralDefaults] =
            "{0} has more than one default branch. Keep the default mark on one branch only.",
        [DiagnosticCodes.JoinCannotComplete] =
            "{0}: a parallel join waits for a branch that cannot arrive from its split, so it would wait for ever. Connect the branch from the split, or remove it.",
        [DiagnosticCodes.DeadlineNotDate] =
            "{0}: a deadline or timer reads a field that is not a date or date-and-time field. Choose a date field.",
        [DiagnosticCodes.InvalidCron] =
            "{0}: the schedule's cron expression is invalid. Correct the expression.",
        [DiagnosticCodes.InvalidDuration] =
            "{0}: a duration is invalid. Write it as an ISO 8601 duration, such as P2D for two days or PT4H for four hours.",
        [DiagnosticCodes.NodePropertyNotApplicable] =
            "{0} has the setting \"{1}\", which does not apply to this node type and is ignored. Remove it.",
        [DiagnosticCodes.HumanNodeWithoutAssignees] =
            "{0}: a fill-in or approval step has no assignees, so nobody would get its task. Choose who does this step.",
        [DiagnosticCodes.InvalidVoteRatio] =
            "{0}: a vote approval needs an approving share above 0 and at most 1, such as 0.5 for a majority.",
        [DiagnosticCodes.EdgeDirection] =
            "{0} leaves an end node or leads into the start node. Connect it between other nodes, or delete it.",
        [DiagnosticCodes.BranchWithoutCondition] =
            "{0} has no condition and is not the default branch. Add a condition to it, or mark it as the default.",
        [DiagnosticCodes.AmbiguousOutgoing] =
            "{0} has several outgoing connections, but only condition, parallel, approval and fill-in nodes branch. Delete the extra connections, or insert a condition node.",
        [DiagnosticCodes.UnknownNodeReference] =
            "{0} returns or escalates to a node that does not exist or is not a fill-in or approval step. Choose another step.",
        [DiagnosticCodes.AssigneeFieldNotMember] =
            "{0}: an assignee rule takes the person from a field that is not a member field. Choose a member field.",
        [DiagnosticCodes.UnknownTimeZone] =
            "{0}: the time zone is unknown. Use an IANA time zone id, such as Asia/Shanghai.",
        [DiagnosticCodes.SplitWithOneBranch] =
            "{0}: a parallel split has fewer than two outgoing branches. Add a branch, or replace the split with a plain connection.",
        [DiagnosticCodes.DuplicateVariable] =
            "{0}: two flow variables have the same name. Rename one of them.",
        [DiagnosticCodes.DuplicatePriority] =
            "{0} has the same priority as another branch of its condition node, so their order is unclear. Give the branches different priorities.",
        [DiagnosticCodes.UnknownPlaceholder] =
            "{0}: a placeholder in the message names no form field or flow variable. Correct it to name an existing field or variable.",
        [DiagnosticCodes.ForEachWithWait] =
            "{0}: a sub-flow node that starts one sub-flow per item cannot wait for them. Turn off waiting, or start a single sub-flow.",
        [DiagnosticCodes.InvalidRowOwner] =
            "{0}: the row owner of a sub-table permission names no column of the sub-table, or is combined with adding or deleting rows. Choose a column, and do not allow adding or deleting rows with it.",
        [DiagnosticCodes.StartRecordWithoutForm] =
            "{0}: the flow creates a record when it starts, but it has no form, or no form or API trigger. Set the flow's form, or turn the setting off.",
        [DiagnosticCodes.InvalidStarter] =
            "{0}: a rule for who may start the flow must be of type user, role or department and have a value. Correct the rule or delete it.",
        [DiagnosticCodes.WithdrawalPathNodeMissing] =
            "{0}: a withdrawal continues at a node that the flow does not have. Choose another node in the flow settings.",
        [DiagnosticCodes.WithdrawalPathNotAutomatic] =
            "{0} is on the withdrawal path but waits for a person, a timer, a call or a sub-flow. Lead the withdrawal to an end node without it.",
        [DiagnosticCodes.WithdrawalPathWithoutWithdraw] =
            "A withdrawal continues at a node, but the initiator may not withdraw. Allow withdrawal, or remove the withdrawal path.",
        [DiagnosticCodes.DuplicateParameter] =
            "{0}: two flow parameters have the same id. Give one of them another id.",
        [DiagnosticCodes.ParameterValueType] =
            "{0}: a flow parameter has no value, or a value that does not fit its type. Enter a valid value.",
        [DiagnosticCodes.ParameterOutOfRange] =
            "{0}: a flow parameter's value is outside its allowed range, or the range is declared wrongly. Enter a value within the range named in the details.",
        [DiagnosticCodes.UnknownParameter] =
            "{0} reads a parameter that the flow does not have. Add it in the flow settings, or correct the name.",
        [DiagnosticCodes.RequiredFieldLockedAtStart] =
            "{0}: a required field is read-only or hidden at the start and has no default, so no one can start the " +
            "flow. Make it editable at the start node, give it a default, or make it optional in the form.",
        [DiagnosticCodes.SubFlowCycle] =
            "{0} starts a flow that starts this flow again, so the sub-flows nest until the engine stops them with an incident. Start it only behind a condition that ends the repetition, or choose another flow.",
        [DiagnosticCodes.UnknownUrlPlaceholder] =
            "{0}: a placeholder in the URL names no form field or flow variable, so the call would go to the wrong " +
            "address. Correct it to name an existing field or variable.",
        [DiagnosticCodes.SerialWithoutRecord] =
            "{0}: the form has a serial number field, but this flow creates no record, so the number stays empty. " +
            "Add \"startCreatesRecord\": true to the flow's settings in its JSON, or use a form without serial numbers.",
        [DiagnosticCodes.CancellationPathNodeMissing] =
            "{0}: a cancellation continues at a node that the flow does not have. Choose another node in the flow settings.",
        [DiagnosticCodes.CancellationPathNotAutomatic] =
            "{0} is on the cancellation path but waits for a person, a timer, a call or a sub-flow. Lead the cancellation to an end node without it.",
        [DiagnosticCodes.RejectedOutcomeNeverSeen] =
            "{0} tests for a rejection that never reaches it: a rejection at that approval ends the instance. Add a branch for the rejection to the approval node itself, with the condition \"Outcome of this step\" equals rejected.",
        [DiagnosticCodes.OutcomeValueUnknown] =
            "{0} compares a step's outcome with a value that the step never has, so the branch never runs. Choose approved, rejected or submitted as the value.",
        [DiagnosticCodes.JavaScriptSyntax] =
            "{0}: the JavaScript has a syntax error. Correct the script.",
        [DiagnosticCodes.RuleValueShape] =
            "{0}: the rule's value does not fit its operator; for example, \"between\" needs two values. Correct the value.",
        [DiagnosticCodes.FormulaSyntax] =
            "{0}: the formula cannot be read, for example because a parenthesis or quote is not closed. Correct the formula.",
        [DiagnosticCodes.ConditionShape] =
            "{0}: a condition has either structured rules or JavaScript, not both and not neither. Keep one of them.",
        [DiagnosticCodes.PackageFileMissing] =
            "{0} lists a file that is not in the package. Add the file, or remove it from the list.",
        [DiagnosticCodes.PackageKindMismatch] =
            "{0} lists a file under the wrong kind of document. Move it to the list of its kind.",
        [DiagnosticCodes.DuplicateDocumentKey] =
            "{0} has the same key as another document of its kind. Give one of them a different key.",
        [DiagnosticCodes.UnknownRole] =
            "{0} names a role that the package does not define. Add the role to the package, or choose a defined role.",
        [DiagnosticCodes.UnknownForm] =
            "{0} names a form that the package does not have. Add the form, or correct the key.",
        [DiagnosticCodes.DuplicateRoleKey] =
            "{0}: two roles have the same key. Give one of them a different key.",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
