using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Validation;

namespace WorkflowKit.Definitions.Tests.Validation;

/// <summary>
/// Each file under Broken/ holds one mistake; the validator must report it with the expected code
/// at the expected JSON pointer. Files are validated together with Broken/_support/order-form.json
/// so that flows and views can refer to the "order" form.
/// </summary>
public sealed class BrokenDefinitionTests
{
    public static IEnumerable<BrokenCase> Cases { get; } =
    [
        new("encoding-utf16.json", "WK1001", ""),
        new("encoding-invalid-utf8.json", "WK1002", ""),
        new("syntax-trailing-comma.json", "WK1003", ""),
        new("duplicate-json-key.json", "WK1004", "/name"),
        new("root-not-object.json", "WK1022", ""),
        new("kind-unknown.json", "WK1010", "/kind"),
        new("format-version-2.json", "WK1011", "/formatVersion"),
        new("missing-key.json", "WK1020", ""),
        new("unknown-property.json", "WK1021", "/nodes/1/assigne"),
        new("wrong-type.json", "WK1022", "/fields/0/required"),
        new("operator-unknown.json", "WK1023", "/edges/1/condition/any/0/all/0/operator"),
        new("field-type-unknown.json", "WK1201", "/fields/1/type"),
        new("field-id-duplicate.json", "WK1202", "/fields/1/id"),
        new("column-id-duplicate.json", "WK1202", "/fields/0/fields/1/id"),
        new("regex-invalid.json", "WK1204", "/fields/0/pattern"),
        new("formula-unknown-field.json", "WK1205", "/fields/1/formula/formula"),
        new("formula-syntax.json", "WK1404", "/fields/1/formula/formula"),
        new("formula-script-syntax.json", "WK1401", "/fields/1/formula/javaScript"),
        new("rule-unknown-field.json", "WK1205", "/rules/0/condition/any/0/all/0/field"),
        new("linkage-unknown-source.json", "WK1205", "/fields/1/linkage/sourceField"),
        new("lookup-unknown-value-field.json", "WK1205", "/fields/0/lookup/valueField"),
        new("lookup-fill-unknown-target.json", "WK1205", "/fields/0/lookup/fill/orderRegoin"),
        new("lookup-fill-unknown-source.json", "WK1205", "/fields/0/lookup/fill/orderRegion"),
        new("lookup-fill-type-mismatch.json", "WK1023", "/fields/0/lookup/fill/orderAmount"),
        new("lookup-range-unknown-source.json", "WK1205", "/fields/1/fields/0/lookupRange/match"),
        new("validity-unknown-from-field.json", "WK1205", "/fields/3/fields/0/lookupRange/validity/fromField"),
        new("validity-to-field-not-date.json", "WK1023", "/fields/3/fields/0/lookupRange/validity/toField"),
        new("validity-date-field-not-date.json", "WK1023", "/fields/3/fields/0/lookupRange/validity/dateField"),
        new("record-value-in-column.json", "WK1023", "/fields/1/fields/0/recordValue"),
        new("select-without-options.json", "WK1207", "/fields/0"),
        new("min-above-max.json", "WK1209", "/fields/0/min"),
        new("datetime-bound-without-offset.json", "WK1023", "/fields/0/max"),
        new("option-duplicate.json", "WK1210", "/fields/0/options/1/value"),
        new("formula-missing.json", "WK1211", "/fields/0"),
        new("title-field-unknown.json", "WK1205", "/titleField"),
        new("node-type-unknown.json", "WK1301", "/nodes/1/type"),
        new("node-id-duplicate.json", "WK1302", "/nodes/2/id"),
        new("edge-id-duplicate.json", "WK1303", "/edges/1/id"),
        new("edge-to-missing-node.json", "WK1304", "/edges/1/to"),
        new("start-missing.json", "WK1305", "/nodes"),
        new("end-missing.json", "WK1306", "/nodes"),
        new("node-unreachable.json", "WK1307", "/nodes/2"),
        new("node-no-path-to-end.json", "WK1308", "/nodes/3"),
        new("condition-without-default.json", "WK1309", "/nodes/1"),
        new("condition-two-defaults.json", "WK1310", "/edges/2/default"),
        new("branch-without-condition.json", "WK1321", "/edges/1"),
        new("ambiguous-outgoing.json", "WK1322", "/nodes/1"),
        new("edge-into-start.json", "WK1320", "/edges/2"),
        new("join-without-split.json", "WK1311", "/nodes/4"),
        new("join-branch-bypasses-split.json", "WK1311", "/edges/7"),
        new("deadline-not-date.json", "WK1312", "/nodes/1/deadline/field"),
        new("deadline-unknown-field.json", "WK1205", "/nodes/1/deadline/field"),
        new("timer-field-not-date.json", "WK1312", "/nodes/1/untilField"),
        new("duration-invalid.json", "WK1315", "/nodes/1/deadline/duration"),
        new("cron-invalid.json", "WK1314", "/triggers/0/cron"),
        new("cron-six-fields.json", "WK1314", "/triggers/0/cron"),
        new("schedule-without-cron.json", "WK1020", "/triggers/0"),
        new("permission-unknown-field.json", "WK1205", "/nodes/1/fieldPermissions/amout"),
        new("assignee-field-unknown.json", "WK1205", "/nodes/1/assignees/0/value"),
        new("assignee-field-not-member.json", "WK1325", "/nodes/1/assignees/0/value"),
        new("assignee-expression-syntax.json", "WK1401", "/nodes/1/assignees/0/value"),
        new("human-without-assignees.json", "WK1317", "/nodes/1"),
        new("vote-ratio-out-of-range.json", "WK1318", "/nodes/1/voteRatio"),
        new("condition-unknown-field.json", "WK1205", "/edges/1/condition/any/0/all/0/field"),
        new("condition-javascript-syntax.json", "WK1401", "/edges/1/condition/javaScript"),
        new("condition-javascript-unknown-field.json", "WK1205", "/edges/1/condition/javaScript"),
        new("condition-both-kinds.json", "WK1405", "/edges/1/condition"),
        new("rule-between-one-value.json", "WK1403", "/edges/1/condition/any/0/all/0/value"),
        new("script-syntax.json", "WK1401", "/nodes/1/script"),
        new("service-input-syntax.json", "WK1401", "/nodes/1/input/reviewDays"),
        new("row-owner-unknown-column.json", "WK1333", "/nodes/1/fieldPermissions/lines/rowOwner"),
        new("row-owner-with-add-rows.json", "WK1333", "/nodes/1/fieldPermissions/lines/rowOwner"),
        new("update-unknown-target-field.json", "WK1205", "/nodes/1/values/amont"),
        new("return-to-unknown-node.json", "WK1324", "/nodes/1/overdue/returnTo"),
        new("time-zone-unknown.json", "WK1327", "/settings/timeZone"),
        new("start-record-without-form.json", "WK1334", "/settings/startCreatesRecord"),
        new("start-record-scheduled-only.json", "WK1334", "/settings/startCreatesRecord"),
        new("withdrawn-values-without-start-record.json", "WK1334", "/settings/withdrawnValues"),
        new("starter-value-empty.json", "WK1335", "/starters/1"),
        new("withdrawal-path-unknown-node.json", "WK1336", "/settings/onWithdraw/node"),
        new("withdrawal-path-human-node.json", "WK1337", "/nodes/4/type"),
        new("withdrawal-path-timer-node.json", "WK1337", "/nodes/4/type"),
        new("withdrawal-path-without-withdraw.json", "WK1338", "/settings/onWithdraw"),
        new("withdrawn-values-unknown-field.json", "WK1205", "/settings/withdrawnValues/stauts"),
        new("variable-duplicate.json", "WK1329", "/variables/1/name"),
        new("view-unknown-column.json", "WK1205", "/columns/1"),
    ];

    [TestCaseSource(nameof(Cases))]
    public async Task Broken_definition_reports_code_at_pointer(BrokenCase broken)
    {
        var file = Path.Combine(TestPaths.BrokenFolder, broken.File);
        var support = Path.Combine(TestPaths.BrokenFolder, "_support", "order-form.json");

        var report = await DefinitionValidator.ValidatePathsAsync([file, support], CancellationToken.None);

        var found = report.Diagnostics.Where(diagnostic => diagnostic.File == file).ToList();
        Assert.That(
            found.Select(diagnostic => (diagnostic.Code, diagnostic.Pointer, diagnostic.Severity)),
            Does.Contain((broken.Code, broken.Pointer, DiagnosticSeverity.Error)),
            string.Join(Environment.NewLine, found));
        Assert.That(report.Diagnostics.Where(diagnostic => diagnostic.File == support), Is.Empty);
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Broken_definition_message_and_position_are_filled(BrokenCase broken)
    {
        var file = Path.Combine(TestPaths.BrokenFolder, broken.File);
        var support = Path.Combine(TestPaths.BrokenFolder, "_support", "order-form.json");

        var report = await DefinitionValidator.ValidatePathsAsync([file, support], CancellationToken.None);

        var diagnostic = report.Diagnostics.First(item => item.Code == broken.Code && item.Pointer == broken.Pointer);
        Assert.That(diagnostic.Line, Is.GreaterThan(0));
        Assert.That(diagnostic.Column, Is.GreaterThan(0));
        Assert.That(diagnostic.Message, Does.EndWith(".").Or.EndWith(")"));
    }

    [Test]
    public void Broken_table_covers_every_file()
    {
        var files = Directory.EnumerateFiles(TestPaths.BrokenFolder, "*.json")
            .Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.That(Cases.Select(broken => broken.File).Order(StringComparer.Ordinal), Is.EqualTo(files));
    }

    public sealed record BrokenCase(string File, string Code, string Pointer)
    {
        public override string ToString() => $"{File} {Code} {Pointer}";
    }
}
