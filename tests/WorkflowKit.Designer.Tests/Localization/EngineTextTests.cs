using System.Reflection;
using WorkflowKit.Designer.Incidents;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Runtime.Audit;
using WorkflowKit.Runtime.Incidents;
using WorkflowKit.Runtime.Tasks;

namespace WorkflowKit.Designer.Tests.Localization;

/// <summary>
/// Names that the engine stores, incident kinds and audit actions, each have a label and wording in both languages, so
/// a new kind or action cannot reach a Chinese page as the engine's English identifier.
/// </summary>
[TestFixture]
public sealed class EngineTextTests
{
    private static IEnumerable<string> IncidentKindNames() => Constants(typeof(IncidentKinds));

    // The portal shows task actions without their "task." prefix and a start as "start" (EngineWorkService).
    private static IEnumerable<string> AuditActionNames() =>
        Constants(typeof(AuditActions))
            .Where(action => action != AuditActions.TaskActionPrefix)
            .Select(action => action switch
            {
                AuditActions.InstanceStarted => "start",
                AuditActions.ReturnedToInitiator => "returnToInitiator",
                _ when action.StartsWith(AuditActions.TaskActionPrefix, StringComparison.Ordinal) =>
                    action[AuditActions.TaskActionPrefix.Length..],
                _ => action,
            })
            .Concat(Constants(typeof(TaskActions)).Where(action => action != TaskActions.AddSigner))
            .Distinct(StringComparer.Ordinal);

    [TestCaseSource(nameof(IncidentKindNames))]
    public void Incident_kind_has_chinese_wording(string kind)
    {
        var chinese = new IncidentText(new UiText { Culture = "zh-CN" });
        var english = new IncidentText(new UiText { Culture = "en" });

        Assert.That(chinese.KindLabel(kind), Does.Match(@"\p{IsCJKUnifiedIdeographs}"));
        Assert.That(chinese.Summary(kind, "审批"), Does.Contain("“审批”"));
        Assert.That(chinese.Summary(kind, "审批"), Is.Not.EqualTo(chinese.Summary("no-such-kind", "审批")),
            $"Add a summary of \"{kind}\" to IncidentText.Summary.");
        Assert.That(english.Summary(kind, "Review"), Does.Contain("\"Review\""));
    }

    [TestCaseSource(nameof(AuditActionNames))]
    public void Audit_action_has_chinese_label(string action)
    {
        var label = AuditTrail.ActionLabel(action);

        Assert.That(ChineseStrings.Values.ContainsKey(label), Is.True,
            $"Add a label of \"{action}\" to AuditTrail.ActionLabel and its Chinese text to ChineseStrings.");
    }

    [Test]
    public void Action_names_are_found()
    {
        Assert.That(AuditActionNames(), Does.Contain("incident.retried"));
        Assert.That(AuditActionNames(), Does.Contain("approve"));
        Assert.That(IncidentKindNames(), Does.Contain(IncidentKinds.InvalidRecord));
    }

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!);
}
