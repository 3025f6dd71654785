namespace WorkflowKit.Definitions.Diagnostics;

/// <summary>
/// Stable diagnostic codes of the definition validator. Codes never change meaning once
/// published; docs/definition-format.md lists them. Ranges: 10xx documents and schema,
/// 12xx forms, 13xx flows, 14xx conditions and scripts, 15xx views, 16xx packages.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>The file starts with a UTF-16 or UTF-32 byte order mark; definitions are UTF-8.</summary>
    public const string NotUtf8 = "WK1001";

    /// <summary>The file holds bytes that are not valid UTF-8.</summary>
    public const string InvalidUtf8 = "WK1002";

    /// <summary>The file is not well-formed JSON (line and column given).</summary>
    public const string JsonSyntax = "WK1003";

    /// <summary>An object repeats a property name; System.Text.Json would silently keep the last one.</summary>
    public const string DuplicateKey = "WK1004";

    /// <summary>A file or folder cannot be read.</summary>
    public const string FileUnreadable = "WK1005";

    /// <summary>The document passed the schema but could not be read into the model.</summary>
    public const string ModelUnreadable = "WK1006";

    /// <summary><c>kind</c> is missing or not one of form, flow, view, package.</summary>
    public const string UnknownKind = "WK1010";

    /// <summary><c>formatVersion</c> is missing or not a version this build reads.</summary>
    public const string UnsupportedFormatVersion = "WK1011";

    /// <summary><c>$schema</c> does not name the schema file of the document's kind.</summary>
    public const string SchemaReference = "WK1012";

    /// <summary>
    /// A referenced form (or flow) is not among the validated documents; checks against it were skipped.
    /// </summary>
    public const string ReferencedDocumentMissing = "WK1019";

    /// <summary>A required property is missing.</summary>
    public const string MissingProperty = "WK1020";

    /// <summary>A property is not part of the format at this place.</summary>
    public const string UnknownProperty = "WK1021";

    /// <summary>A value has the wrong JSON type.</summary>
    public const string WrongType = "WK1022";

    /// <summary>A value is not one of the allowed values.</summary>
    public const string ValueNotAllowed = "WK1023";

    /// <summary>A value breaks a schema constraint (pattern, length, range, item count).</summary>
    public const string ConstraintViolated = "WK1024";

    /// <summary>
    /// A flow being published names a form (its own, a node's or a trigger's) that has no published version and is
    /// not in the same package import.
    /// </summary>
    public const string FormNotPublished = "WK1025";

    /// <summary>A field type is not one of the format's field types.</summary>
    public const string UnknownFieldType = "WK1201";

    /// <summary>Two fields (or two columns of one sub-table) share an id.</summary>
    public const string DuplicateFieldId = "WK1202";

    /// <summary>A regular expression does not compile.</summary>
    public const string InvalidRegex = "WK1204";

    /// <summary>
    /// A condition, formula, permission, deadline, assignee, linkage or list names a field the form does not have.
    /// </summary>
    public const string UnknownField = "WK1205";

    /// <summary>A property is set that does not apply to the field type; it is ignored.</summary>
    public const string FieldPropertyNotApplicable = "WK1206";

    /// <summary>A select field has no options and no linkage to supply them.</summary>
    public const string SelectWithoutOptions = "WK1207";

    /// <summary>A sub-table field has no columns.</summary>
    public const string SubTableWithoutColumns = "WK1208";

    /// <summary>A minimum is greater than its maximum.</summary>
    public const string MinGreaterThanMax = "WK1209";

    /// <summary>Two options of a select field share a value.</summary>
    public const string DuplicateOptionValue = "WK1210";

    /// <summary>A formula field has no formula, or a related field no related form.</summary>
    public const string MissingTypeSetting = "WK1211";

    /// <summary>Two cross-field rules share an id.</summary>
    public const string DuplicateRuleId = "WK1213";

    /// <summary>A serial number pattern has no <c>{seq:N}</c> part.</summary>
    public const string SerialWithoutSequence = "WK1214";

    /// <summary>A node type is not one of the format's node types.</summary>
    public const string UnknownNodeType = "WK1301";

    /// <summary>Two nodes share an id.</summary>
    public const string DuplicateNodeId = "WK1302";

    /// <summary>Two edges share an id.</summary>
    public const string DuplicateEdgeId = "WK1303";

    /// <summary>An edge starts or ends at a node id that does not exist.</summary>
    public const string EdgeToMissingNode = "WK1304";

    /// <summary>A flow has no start node or more than one.</summary>
    public const string StartNodeCount = "WK1305";

    /// <summary>A flow has no end node.</summary>
    public const string NoEndNode = "WK1306";

    /// <summary>No path leads from the start node to this node.</summary>
    public const string UnreachableNode = "WK1307";

    /// <summary>No path leads from this node to an end node; instances reaching it never finish.</summary>
    public const string NoPathToEnd = "WK1308";

    /// <summary>A condition node, or an approval or fill-in node with several outgoing edges, has no default branch.</summary>
    public const string ConditionWithoutDefault = "WK1309";

    /// <summary>A condition node, or an approval or fill-in node that branches, has more than one default branch.</summary>
    public const string SeveralDefaults = "WK1310";

    /// <summary>A parallel join has an incoming branch that cannot arrive from the split it belongs to.</summary>
    public const string JoinCannotComplete = "WK1311";

    /// <summary>A deadline or timer names a field that is not a date or datetime field.</summary>
    public const string DeadlineNotDate = "WK1312";

    /// <summary>A schedule trigger's cron expression does not parse.</summary>
    public const string InvalidCron = "WK1314";

    /// <summary>A duration is not an ISO 8601 duration such as "P2D" or "PT4H".</summary>
    public const string InvalidDuration = "WK1315";

    /// <summary>A property is set that does not apply to the node type; it is ignored.</summary>
    public const string NodePropertyNotApplicable = "WK1316";

    /// <summary>A fill-in or approval node has no assignees.</summary>
    public const string HumanNodeWithoutAssignees = "WK1317";

    /// <summary>A vote approval has no ratio, or a ratio outside (0, 1].</summary>
    public const string InvalidVoteRatio = "WK1318";

    /// <summary>An edge leaves an end node or enters the start node.</summary>
    public const string EdgeDirection = "WK1320";

    /// <summary>
    /// An edge leaving a condition node, or an approval or fill-in node with several outgoing edges, has neither a
    /// condition nor the default flag.
    /// </summary>
    public const string BranchWithoutCondition = "WK1321";

    /// <summary>
    /// A node that is not a condition, parallel split, approval or fill-in node has several outgoing edges. Approval
    /// and fill-in nodes branch by conditions like a condition node does.
    /// </summary>
    public const string AmbiguousOutgoing = "WK1322";

    /// <summary>A node id named by a return or escalation does not exist or is not a human node.</summary>
    public const string UnknownNodeReference = "WK1324";

    /// <summary>An assignee of type field names a field that is not a member field.</summary>
    public const string AssigneeFieldNotMember = "WK1325";

    /// <summary>A time zone is not a known IANA time zone id.</summary>
    public const string UnknownTimeZone = "WK1327";

    /// <summary>A parallel split has fewer than two outgoing edges.</summary>
    public const string SplitWithOneBranch = "WK1328";

    /// <summary>Two flow variables share a name.</summary>
    public const string DuplicateVariable = "WK1329";

    /// <summary>Two condition branches of one node share a priority, so their order is unclear.</summary>
    public const string DuplicatePriority = "WK1330";

    /// <summary>A message placeholder names no form field or variable, or is not {{form.…}} or {{vars.…}}.</summary>
    public const string UnknownPlaceholder = "WK1331";

    /// <summary>A sub-flow node with <c>forEach</c> would wait; one parent token cannot wait for several children.</summary>
    public const string ForEachWithWait = "WK1332";

    /// <summary>
    /// A sub-table permission's <c>rowOwner</c> names no column of the sub-table, or is combined with adding or
    /// deleting rows, which would leave the rows without a fixed owner.
    /// </summary>
    public const string InvalidRowOwner = "WK1333";

    /// <summary><c>settings.startCreatesRecord</c> is set on a flow without a form, or without a form or API trigger.</summary>
    public const string StartRecordWithoutForm = "WK1334";

    /// <summary>A starter rule is not of type user, role or department, or has no value.</summary>
    public const string InvalidStarter = "WK1335";

    /// <summary><c>settings.onWithdraw</c> names no node, or a node id that the flow does not have.</summary>
    public const string WithdrawalPathNodeMissing = "WK1336";

    /// <summary>
    /// A node on the withdrawal path is not a condition, script, createRecord, updateRecord, notification or end
    /// node, so the path could wait for a person, a timer, a call or a sub-flow.
    /// </summary>
    public const string WithdrawalPathNotAutomatic = "WK1337";

    /// <summary><c>settings.onWithdraw</c> is set on a flow whose <c>settings.allowWithdraw</c> is false.</summary>
    public const string WithdrawalPathWithoutWithdraw = "WK1338";

    /// <summary>Two flow parameters share an id.</summary>
    public const string DuplicateParameter = "WK1339";

    /// <summary>
    /// A flow parameter's value is missing or does not fit its type: a number for number and money, a string for
    /// text, true or false for boolean.
    /// </summary>
    public const string ParameterValueType = "WK1340";

    /// <summary>A rule-builder condition reads <c>params.ID</c>, and the flow declares no parameter ID.</summary>
    public const string UnknownParameter = "WK1341";

    /// <summary>
    /// A required field without a default or a computed value is read-only or hidden at the start node of a flow that
    /// starts from a form or an API call, so no start can fill it.
    /// </summary>
    public const string RequiredFieldLockedAtStart = "WK1342";

    /// <summary>
    /// A sub-flow node starts its own flow again, directly or through sub-flow nodes of other flows, so the instances
    /// nest until the engine's nesting limit stops them (a warning).
    /// </summary>
    public const string SubFlowCycle = "WK1343";

    /// <summary>
    /// A placeholder in an HTTP node's URL names no form field or variable, or is not {{form.…}} or {{vars.…}}.
    /// </summary>
    public const string UnknownUrlPlaceholder = "WK1344";

    /// <summary>
    /// The flow's form has a serial field, the flow creates no record (no <c>startCreatesRecord</c>), and neither a
    /// record trigger nor a sub-flow node's input supplies the number, so the field stays empty (a warning).
    /// </summary>
    public const string SerialWithoutRecord = "WK1345";

    /// <summary><c>settings.onCancel</c> names no node, or a node id that the flow does not have.</summary>
    public const string CancellationPathNodeMissing = "WK1346";

    /// <summary>
    /// A node on the cancellation path is not a condition, script, createRecord, updateRecord, notification or end
    /// node, so the path could wait for a person, a timer, a call or a sub-flow.
    /// </summary>
    public const string CancellationPathNotAutomatic = "WK1347";

    /// <summary>
    /// An edge condition tests whether an approval node was rejected, but none of that node's outgoing edges has a
    /// condition, so a rejection there ends the instance and the test is never true (a warning).
    /// </summary>
    public const string RejectedOutcomeNeverSeen = "WK1348";

    /// <summary>
    /// An edge condition compares a fill-in or approval node's <c>nodes.ID.outcome</c> with a value that the engine
    /// never stores there, such as a display word in place of <c>rejected</c>, so the comparison never holds.
    /// </summary>
    public const string OutcomeValueUnknown = "WK1349";

    /// <summary>
    /// A number or money parameter's value is below its <c>min</c>, above its <c>max</c> or below the parameter that
    /// its <c>atLeast</c> names, or those bounds are declared wrongly (on another type, min above max, or an
    /// <c>atLeast</c> that names no number or money parameter).
    /// </summary>
    public const string ParameterOutOfRange = "WK1350";

    /// <summary>A JavaScript condition, script or expression does not parse.</summary>
    public const string JavaScriptSyntax = "WK1401";

    /// <summary>A rule's value does not fit its operator (for example "between" without two items).</summary>
    public const string RuleValueShape = "WK1403";

    /// <summary>A formula does not parse (unbalanced parentheses or quotes).</summary>
    public const string FormulaSyntax = "WK1404";

    /// <summary>A condition sets both structured rules and JavaScript, or neither.</summary>
    public const string ConditionShape = "WK1405";

    /// <summary>A file listed in a package manifest does not exist.</summary>
    public const string PackageFileMissing = "WK1601";

    /// <summary>A file listed in a package manifest holds a document of another kind.</summary>
    public const string PackageKindMismatch = "WK1602";

    /// <summary>Two documents of one kind share a key.</summary>
    public const string DuplicateDocumentKey = "WK1603";

    /// <summary>
    /// A permission rule, assignee, recipient, overdue escalation target or starter names a role the package does not
    /// define.
    /// </summary>
    public const string UnknownRole = "WK1604";

    /// <summary>A permission rule, sample data file or view names a form the package does not have.</summary>
    public const string UnknownForm = "WK1605";

    /// <summary>Two roles share a key.</summary>
    public const string DuplicateRoleKey = "WK1606";
}
