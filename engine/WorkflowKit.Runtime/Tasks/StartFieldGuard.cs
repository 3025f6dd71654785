using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Runtime.Tasks;

/// <summary>
/// Applies the start node's field permissions to the form data that starts an instance, by the rules that
/// <see cref="FieldGuard"/> applies to task submissions. The value a field would get without the submission (its
/// constant default, or nothing) is the stored value that a read-only or hidden field may not change. Serial and
/// formula fields are exempt, because the record store and the form runtime compute them and a flow may start from
/// the data of a record that carries them.
/// </summary>
internal static class StartFieldGuard
{
    private static readonly IReadOnlySet<string> NoOwnersActed = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Checks <paramref name="submitted"/> against the field permissions of <paramref name="start"/>. A start node
    /// without field permissions lets the initiator set every field, so it checks nothing.
    /// </summary>
    /// <exception cref="FieldAccessDeniedException">
    /// A field is read-only or hidden at the start node and arrived with a value other than its default. Or a
    /// sub-table arrived with a hidden column set, or with rows that the start node does not let the initiator add.
    /// </exception>
    public static void Check(
        string flowKey, NodeDefinition start, FormDefinition form, JsonObject? submitted, string initiator,
        CultureInfo culture)
    {
        if (start.FieldPermissions is null || submitted is null)
        {
            return;
        }

        var initial = new JsonObject();
        foreach (var field in form.Fields.Where(field => field.Default is not null))
        {
            initial[field.Id] = field.Default!.DeepClone();
        }

        // NOTE: serial numbers and formula results are computed, not entered, so they pass whatever access the start
        // node sets. The engine does not recompute them on start, so an API caller can still send its own values.
        var computed = form.Fields
            .Where(field => field.Type is FieldTypes.Serial or FieldTypes.Formula)
            .Select(field => field.Id)
            .ToHashSet(StringComparer.Ordinal);
        var entered = new JsonObject();
        foreach (var (fieldId, value) in submitted.Where(pair => !computed.Contains(pair.Key)))
        {
            var access = FieldGuard.AccessOf(start, fieldId);
            if (access != FieldPermission.Editable && !JsonNode.DeepEquals(value, initial[fieldId]))
            {
                throw Denied(flowKey, start, form, fieldId, access, initial[fieldId], culture);
            }

            entered[fieldId] = value?.DeepClone();
        }

        // What remains are the sub-table rules for hidden columns and for adding rows, which FieldGuard checks.
        FieldGuard.Apply(start, initial, entered, initiator, NoOwnersActed);
    }

    private static FieldAccessDeniedException Denied(
        string flowKey, NodeDefinition start, FormDefinition form, string fieldId, string access, JsonNode? initial,
        CultureInfo culture)
    {
        var label = form.Fields.FirstOrDefault(field => field.Id == fieldId)?.Label.Get(culture.Name);
        var name = string.IsNullOrEmpty(label) ? $"'{fieldId}'" : $"\"{label}\" ({fieldId})";
        var fix = initial is null
            ? "Leave it out of the form data"
            : $"Leave it out of the form data or send its default {initial.ToJsonString()}";
        var editable = (start.FieldPermissions ?? [])
            .Where(pair => pair.Value.Access == FieldPermission.Editable)
            .Select(pair => pair.Key)
            .Order(StringComparer.Ordinal)
            .DefaultIfEmpty("none");
        var chineseName = string.IsNullOrEmpty(label) ? $"“{fieldId}”" : $"“{label}”（{fieldId}）";
        var chineseAccess = access == FieldPermission.Hidden ? "隐藏" : "只读";
        var chineseFix = initial is null ? "请从表单数据中去掉它" : $"请从表单数据中去掉它，或提交其默认值 {initial.ToJsonString()}";
        var fields = string.Join(", ", editable);
        return new FieldAccessDeniedException(
            $"Field {name} is {access} at the start node '{start.Id}' of flow '{flowKey}', so it cannot be set when " +
            $"starting this flow. {fix}. Fields that can be set when starting: {fields}.")
        {
            ChineseMessage = $"字段 {chineseName} 在流程 “{flowKey}” 的开始节点 “{start.Id}” 为{chineseAccess}，发起时不能填写。" +
                $"{chineseFix}。发起时可填写的字段：{(fields == "none" ? "无" : fields)}。",
            FieldId = fieldId,
            NodeId = start.Id,
            Access = access,
        };
    }
}
