using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Runtime.Audit;

namespace WorkflowKit.Designer.Services.Engine;

/// <summary>
/// The trail lines that point outside the instance: the sub-flows it started and the records it created. Each is read
/// as the viewer may read it, through the same permission checks as the sub-flow's page and the record's page.
/// </summary>
public sealed partial class EngineWorkService
{
    /// <summary>
    /// Adds what the viewer may see of each sub-flow and record that the trail names. The person lines of a sub-flow
    /// that its parent waited for, such as a warehouse's shipment confirmation, are added to the parent's trail in time
    /// order, marked as coming from that sub-flow. A sub-flow started with <c>"wait": false</c> runs on its own, such
    /// as each replenishment of the replenishment watch, so its line names and links it but its lines stay on its page.
    /// </summary>
    private async Task<InstanceDetail> WithLinkedLinesAsync(
        InstanceDetail detail, UserContext user, CancellationToken cancellationToken)
    {
        if (!detail.Audit.Any(entry => entry.ChildInstanceId is not null || entry.Record is not null))
        {
            return detail;
        }

        var flow = DefinitionJson.Deserialize<FlowDefinition>(detail.FlowJson);
        var lines = new List<AuditEntry>();
        var fromChildren = new List<AuditEntry>();
        foreach (var entry in detail.Audit)
        {
            if (entry.Record is { } record)
            {
                lines.Add(entry with { Record = await ReadableRecordAsync(record, user, cancellationToken) });
                continue;
            }

            if (entry.ChildInstanceId is not { } childId
                || await ChildAsync(childId, user, cancellationToken) is not { } child)
            {
                lines.Add(entry);
                continue;
            }

            var subFlow = new AuditSubFlow(child.Summary.Id, child.Summary.FlowName, child.Summary.Title)
            {
                Flow = DefinitionJson.Deserialize<FlowDefinition>(child.FlowJson),
                Form = child.FormJson is null ? null : DefinitionJson.Deserialize<FormDefinition>(child.FormJson),
            };
            lines.Add(entry with { SubFlow = subFlow });
            var node = flow.Nodes.FirstOrDefault(candidate => candidate.Id == entry.NodeId);
            if (node?.Wait is not false)
            {
                fromChildren.AddRange(child.Audit
                    .Where(IsPersonLine)
                    .Select(line => line with { SubFlow = subFlow, FromSubFlow = true }));
            }
        }

        // A sub-flow's line comes first among lines of the same instant, because the person's action in the sub-flow
        // ran the parent's step, such as the settlement after the last shipment. OrderBy and ThenBy are stable, so the
        // lines of one step keep the order the engine wrote them in.
        return detail with
        {
            Audit = [.. fromChildren.Select(entry => (Entry: entry, Rank: 0))
                .Concat(lines.Select(entry => (Entry: entry, Rank: 1)))
                .OrderBy(pair => pair.Entry.At)
                .ThenBy(pair => pair.Rank)
                .Select(pair => pair.Entry)],
        };
    }

    /// <summary>Returns the sub-flow as the viewer may see it, or null when they may not open it.</summary>
    private async Task<InstanceDetail?> ChildAsync(string childId, UserContext user, CancellationToken cancellationToken)
    {
        try
        {
            return await VisibleDetailAsync(childId, user, cancellationToken);
        }
        catch (AccessDeniedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Returns whether a sub-flow's line is a person's action on its tasks. Its start is the parent's step, and its end
    /// and a cancellation repeat lines of the parent's own trail.
    /// </summary>
    private static bool IsPersonLine(AuditEntry line) =>
        line.UserId != "system" && line.Action != "start" && !line.Action.StartsWith("instance.", StringComparison.Ordinal);

    /// <summary>
    /// Adds the record's title and money fields when the viewer may read it. A record the viewer may not read, or of a
    /// form that is no longer published, keeps only its form key and id.
    /// </summary>
    private async Task<AuditRecord> ReadableRecordAsync(
        AuditRecord record, UserContext user, CancellationToken cancellationToken)
    {
        try
        {
            var entry = await _records.GetAsync(user, record.FormKey, record.RecordId, cancellationToken);
            var form = await _records.GetFormAsync(user, record.FormKey, cancellationToken);
            if (entry is null)
            {
                return record with { FormName = form.Name };
            }

            var amounts = new JsonObject();
            foreach (var field in form.Fields.Where(field => field.Type == FieldTypes.Money))
            {
                if (entry.Data.TryGetPropertyValue(field.Id, out var value) && value is not null)
                {
                    amounts[field.Id] = value.DeepClone();
                }
            }

            return record with
            {
                FormName = form.Name,
                Title = form.TitleField is { } titleField ? entry.Data[titleField]?.DeepClone() : null,
                Amounts = amounts,
                Form = form,
            };
        }
        catch (Exception error) when (error is AccessDeniedException or InvalidInputException or ArgumentException)
        {
            return record;
        }
    }

    /// <summary>Reads the form and the id of a record that a <c>record.created</c> line names, or null for other lines.</summary>
    private static AuditRecord? RecordOf(Runtime.Audit.AuditEntry entry) =>
        entry.Action == AuditActions.RecordCreated
            && entry.Details?["form"] is JsonValue form && form.TryGetValue<string>(out var formKey)
            && entry.Details?["recordId"] is JsonValue id && id.TryGetValue<long>(out var recordId)
            ? new AuditRecord(formKey, recordId)
            : null;
}
