using Cronos;
using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Definitions.Validation;

/// <summary>Semantic checks of a flow: its graph, then each node, edge, trigger and variable.</summary>
internal static class FlowChecker
{
    public static void Check(CheckContext context, FlowDefinition flow, DefinitionSet set)
    {
        var form = set.FindForm(flow.Form);
        if (flow.Form is not null && form is null && !set.IsUnreadable(FormDefinition.KindName, flow.Form))
        {
            context.Warning(
                DiagnosticCodes.ReferencedDocumentMissing, "/form",
                $"Form \"{flow.Form}\" is not among the validated documents, so field references of this flow were " +
                "not checked. Validate the flow together with its form (a package or a folder).");
        }

        var variables = CheckVariables(context, flow);
        var parameters = ParameterChecker.Check(context, flow);
        var scope = FieldScope.For(form, variables, parameters);
        FlowGraphChecker.Check(context, flow);

        for (var i = 0; i < flow.Nodes.Count; i++)
        {
            NodeChecker.Check(context, flow, flow.Nodes[i], JsonPointers.Of("nodes", i), scope, set);
        }

        for (var i = 0; i < flow.Edges.Count; i++)
        {
            ConditionChecker.Check(context, flow.Edges[i].Condition, JsonPointers.Of("edges", i, "condition"), scope);
        }

        RejectedOutcomeChecker.Check(context, flow);
        OutcomeValueChecker.Check(context, flow);
        SubFlowCycleChecker.Check(context, flow, set);

        CheckTriggers(context, flow, scope, set);
        if (flow.Settings?.TimeZone is { } timeZone && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            context.Error(
                DiagnosticCodes.UnknownTimeZone, "/settings/timeZone",
                $"Time zone \"{timeZone}\" is not known. Use an IANA id such as \"Asia/Shanghai\".");
        }

        if (flow.Settings?.StartCreatesRecord == true)
        {
            CheckStartRecord(context, flow);
        }
        else if (form?.Fields.FirstOrDefault(field => field.Type == FieldTypes.Serial) is { } serial
            && !ReceivesSerial(flow, serial.Id, set))
        {
            context.Warning(
                DiagnosticCodes.SerialWithoutRecord, "/form",
                $"Form \"{form.Key}\" has serial field \"{serial.Id}\", but the flow creates no record, so the " +
                "field stays empty in every instance. Set \"startCreatesRecord\": true in the flow's settings, or " +
                "bind a form without serial fields.");
        }

        for (var i = 0; i < (flow.Starters?.Count ?? 0); i++)
        {
            var starter = flow.Starters![i];
            if (!StarterRules.Types.Contains(starter.Type) || string.IsNullOrWhiteSpace(starter.Value))
            {
                context.Error(
                    DiagnosticCodes.InvalidStarter, JsonPointers.Of("starters", i),
                    $"A starter must be a user, role or department with its id in \"value\", not \"{starter.Type}\" " +
                    $"with value \"{starter.Value}\". Change the rule or remove it.");
            }
            else if (starter.Type == AssigneeTypes.Role)
            {
                NodeChecker.CheckRole(context, starter.Value, JsonPointers.Of("starters", i, "value"), set);
            }
        }

        if (flow.Settings?.WithdrawnValues is { Count: > 0 } withdrawn)
        {
            if (flow.Settings.StartCreatesRecord != true)
            {
                context.Error(
                    DiagnosticCodes.StartRecordWithoutForm, "/settings/withdrawnValues",
                    "withdrawnValues are written into the record that the start created, and the flow creates none. " +
                    "Set \"startCreatesRecord\": true or remove withdrawnValues.");
            }

            NodeChecker.CheckValueMap(context, withdrawn, "/settings/withdrawnValues", scope, scope);
        }
    }

    /// <summary>
    /// Returns whether some start brings a serial number along: a record trigger starts with the stored record's
    /// data, and a sub-flow node of a validated flow may set the field through its input.
    /// </summary>
    private static bool ReceivesSerial(FlowDefinition flow, string serialField, DefinitionSet set) =>
        flow.Triggers?.Any(trigger => trigger.Type == TriggerTypes.Record) == true
        || set.Documents.Select(document => document.Model).OfType<FlowDefinition>()
            .SelectMany(parent => parent.Nodes)
            .Any(node => node.Type == NodeTypes.SubFlow && node.Flow == flow.Key
                && node.Input?.ContainsKey(serialField) == true);

    private static void CheckStartRecord(CheckContext context, FlowDefinition flow)
    {
        if (flow.Form is null)
        {
            context.Error(
                DiagnosticCodes.StartRecordWithoutForm, "/settings/startCreatesRecord",
                "startCreatesRecord stores the start's data as a record of the flow's form, but the flow has no " +
                "\"form\". Set the flow's form or remove the setting.");
        }
        else if (flow.Triggers is { Count: > 0 } triggers
            && !triggers.Any(trigger => trigger.Type is TriggerTypes.Form or TriggerTypes.Api))
        {
            context.Error(
                DiagnosticCodes.StartRecordWithoutForm, "/settings/startCreatesRecord",
                "startCreatesRecord applies to starts from a form or an API call, and the flow has neither trigger. " +
                "Add a trigger of type \"form\" or \"api\", or remove the setting.");
        }
    }

    private static HashSet<string> CheckVariables(CheckContext context, FlowDefinition flow)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (flow.Variables?.Count ?? 0); i++)
        {
            if (!names.Add(flow.Variables![i].Name))
            {
                context.Error(
                    DiagnosticCodes.DuplicateVariable, JsonPointers.Of("variables", i, "name"),
                    $"Variable \"{flow.Variables[i].Name}\" is declared twice. Remove or rename one.");
            }
        }

        foreach (var node in flow.Nodes.Where(node => node.ResultVariable is not null))
        {
            names.Add(node.ResultVariable!);
        }

        return names;
    }

    private static void CheckTriggers(CheckContext context, FlowDefinition flow, FieldScope scope, DefinitionSet set)
    {
        for (var i = 0; i < (flow.Triggers?.Count ?? 0); i++)
        {
            var trigger = flow.Triggers![i];
            var pointer = JsonPointers.Of("triggers", i);
            if (trigger.Cron is not null)
            {
                CheckCron(context, trigger.Cron, JsonPointers.Append(pointer, "cron"));
            }

            var triggerScope = scope;
            if (trigger.Type == TriggerTypes.Record)
            {
                var formKey = trigger.Form ?? flow.Form;
                var form = set.FindForm(formKey);
                triggerScope = FieldScope.For(form, scope.Variables, scope.Parameters);
                if (formKey is null)
                {
                    context.Error(
                        DiagnosticCodes.MissingProperty, pointer,
                        "A record trigger needs \"form\" (or the flow's \"form\"): the form whose records start the " +
                        "flow.",
                        ("property", "form"));
                }
            }

            for (var f = 0; f < (trigger.Fields?.Count ?? 0); f++)
            {
                if (!triggerScope.Resolves(trigger.Fields![f]))
                {
                    FormChecker.UnknownField(context, JsonPointers.Of(pointer, "fields", f), trigger.Fields[f],
                        triggerScope);
                }
            }

            ConditionChecker.Check(context, trigger.Condition, JsonPointers.Append(pointer, "condition"), triggerScope);
        }
    }

    internal static void CheckCron(CheckContext context, string cron, string pointer)
    {
        try
        {
            CronExpression.Parse(cron, CronFormat.Standard);
        }
        catch (CronFormatException exception)
        {
            context.Error(
                DiagnosticCodes.InvalidCron, pointer,
                $"Cron expression \"{cron}\" is not valid: {exception.Message} Write five fields " +
                "(minute hour day-of-month month day-of-week), for example \"0 8 * * 1-5\" for 08:00 on weekdays.");
        }
    }

    internal static bool IsDate(FieldDefinition field) => FieldTypes.Dates.Contains(field.Type);
}
