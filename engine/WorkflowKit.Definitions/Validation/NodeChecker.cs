using WorkflowKit.Definitions.Diagnostics;
using WorkflowKit.Definitions.Documents;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;

namespace WorkflowKit.Definitions.Validation;

/// <summary>Checks the settings of one node against its type, the flow's form and the other documents.</summary>
internal static class NodeChecker
{
    private static readonly HashSet<string> AssigneeTypesWithValue = new(StringComparer.Ordinal)
    {
        AssigneeTypes.User, AssigneeTypes.Role, AssigneeTypes.Department, AssigneeTypes.DepartmentManager,
        AssigneeTypes.Field, AssigneeTypes.Expression,
    };

    public static void Check(
        CheckContext context, FlowDefinition flow, NodeDefinition node, string pointer, FieldScope scope,
            DefinitionSet set)
    {
        CheckApplicability(context, node, pointer);
        CheckAssignees(context, node.Assignees, JsonPointers.Append(pointer, "assignees"), scope, set);
        CheckAssignees(context, node.Recipients, JsonPointers.Append(pointer, "recipients"), scope, set);
        CheckAssignees(
            context, node.FallbackRecipients, JsonPointers.Append(pointer, "fallbackRecipients"), scope, set);

        if (NodeTypes.Human.Contains(node.Type) && (node.Assignees is null || node.Assignees.Count == 0))
        {
            context.Error(
                DiagnosticCodes.HumanNodeWithoutAssignees, pointer,
                $"Node \"{node.Id}\" ({node.Type}) has no assignees, so nobody would get its task. " +
                "Add \"assignees\", " +
                "for example [{\"type\": \"initiatorManager\"}].",
                ("node", node.Id), ("type", node.Type));
        }

        if (node.ApprovalMode == ApprovalModes.Vote && node.VoteRatio is not (> 0m and <= 1m))
        {
            context.Error(
                DiagnosticCodes.InvalidVoteRatio, node.VoteRatio is null ? pointer : JsonPointers.Append(pointer,
                    "voteRatio"),
                $"Vote approval \"{node.Id}\" needs \"voteRatio\" greater than 0 and at most 1, got " +
                $"{node.VoteRatio?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}. " +
                "Set for example 0.5 for a majority.",
                ("node", node.Id));
        }

        CheckFieldPermissions(context, node, pointer, scope);
        CheckStartFields(context, flow, node, pointer, scope);
        CheckDeadline(context, node, pointer, scope);
        CheckOverdue(context, flow, node, pointer, scope, set);
        CheckRecordWrite(context, node, pointer, scope, set);
        CheckAutomatic(context, node, pointer, scope, set);
        CheckPlaceholders(context, node, pointer, scope);
    }

    private static void CheckPlaceholders(CheckContext context, NodeDefinition node, string pointer, FieldScope scope)
    {
        foreach (var (culture, text) in node.Message?.Values ?? [])
        {
            var textPointer = culture.Length == 0
                ? JsonPointers.Append(pointer, "message")
                : JsonPointers.Append(JsonPointers.Append(pointer, "message"), culture);
            foreach (var placeholder in MessagePlaceholders.Find(text).Distinct(StringComparer.Ordinal))
            {
                if (PlaceholderProblem(placeholder, scope) is { } problem)
                {
                    context.Warning(
                        DiagnosticCodes.UnknownPlaceholder, textPointer,
                        $"Placeholder \"{{{{{placeholder}}}}}\" {problem}; it is sent as written. Correct the name " +
                        "or declare the variable.");
                }
            }
        }

        // A URL with a placeholder left as written would call the wrong address for every instance, so it is an error.
        if (node.Type == NodeTypes.Http && node.Url is { } url)
        {
            foreach (var placeholder in MessagePlaceholders.Find(url).Distinct(StringComparer.Ordinal))
            {
                if (PlaceholderProblem(placeholder, scope) is { } problem)
                {
                    context.Error(
                        DiagnosticCodes.UnknownUrlPlaceholder, JsonPointers.Append(pointer, "url"),
                        $"URL placeholder \"{{{{{placeholder}}}}}\" of HTTP node \"{node.Id}\" {problem}. Correct the " +
                        "name or declare the variable.",
                        ("node", node.Id), ("placeholder", placeholder));
                }
            }
        }
    }

    /// <returns>Why <paramref name="placeholder"/> cannot be rendered, or null when it names a known field or variable.</returns>
    private static string? PlaceholderProblem(string placeholder, FieldScope scope) =>
        !MessagePlaceholders.TryParse(placeholder, out var root, out var path)
            ? "is not a {{form.FIELD}} or {{vars.NAME}} placeholder"
            : root == "form" && scope.Fields is { } fields && !fields.ContainsKey(path[0])
                ? $"names field \"{path[0]}\", which the form does not have"
                : root == "vars" && scope.Variables is { } variables && !variables.Contains(path[0])
                    ? $"names variable \"{path[0]}\", which the flow does not declare"
                    : null;

    private static void CheckApplicability(CheckContext context, NodeDefinition node, string pointer)
    {
        if (!JsonElementPointer.TryResolve(context.Source.Document!.RootElement, pointer, out var element))
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!NodeApplicability.Applies(node.Type, property.Name))
            {
                context.Warning(
                    DiagnosticCodes.NodePropertyNotApplicable, JsonPointers.Append(pointer, property.Name),
                    $"\"{property.Name}\" does not apply to a {node.Type} node and is ignored. Remove it or change " +
                    "the node type.");
            }
        }
    }

    internal static void CheckAssignees(
        CheckContext context, List<AssigneeRule>? assignees, string pointer, FieldScope scope, DefinitionSet set)
    {
        for (var i = 0; i < (assignees?.Count ?? 0); i++)
        {
            var assignee = assignees![i];
            var itemPointer = JsonPointers.Append(pointer, i);
            var valuePointer = JsonPointers.Append(itemPointer, "value");
            if (AssigneeTypesWithValue.Contains(assignee.Type) && string.IsNullOrEmpty(assignee.Value))
            {
                context.Error(
                    DiagnosticCodes.MissingProperty, itemPointer,
                    $"An assignee of type \"{assignee.Type}\" needs \"value\" (the user id, role key, department id, " +
                    "field id or JavaScript). Add it.",
                    ("property", "value"), ("assigneeType", assignee.Type));
                continue;
            }

            switch (assignee.Type)
            {
                case AssigneeTypes.Field:
                    var field = scope.Find(assignee.Value!);
                    if (!scope.Resolves(assignee.Value!))
                    {
                        FormChecker.UnknownField(context, valuePointer, assignee.Value!, scope);
                    }
                    else if (field is not null && field.Type != FieldTypes.Member)
                    {
                        context.Error(
                            DiagnosticCodes.AssigneeFieldNotMember, valuePointer,
                            $"Assignee field \"{assignee.Value}\" is a {field.Type} field; assignees come from a " +
                            "member field. Name a member field.");
                    }

                    break;
                case AssigneeTypes.Expression:
                    ScriptChecker.Check(context, assignee.Value, valuePointer, scope);
                    break;
                case AssigneeTypes.Role:
                    CheckRole(context, assignee.Value!, valuePointer, set);
                    break;
                default:
                    break;
            }

            foreach (var (attribute, expression) in assignee.Where ?? [])
            {
                ScriptChecker.Check(context, expression, JsonPointers.Of(itemPointer, "where", attribute), scope);
            }
        }
    }

    /// <summary>
    /// Reports a role that the package's manifest does not define. Every role reference of a flow (assignees,
    /// recipients, overdue escalation targets and starters) goes through here, so each gets the same message.
    /// </summary>
    internal static void CheckRole(CheckContext context, string role, string pointer, DefinitionSet set)
    {
        if (set.Roles is { } roles && !roles.Contains(role))
        {
            context.Error(
                DiagnosticCodes.UnknownRole, pointer,
                $"Role \"{role}\" is not defined in the package. Add it to the manifest's \"roles\" or use one of: " +
                $"{(roles.Count == 0 ? "(none defined)" : string.Join(", ", roles))}.");
        }
    }

    private static void CheckFieldPermissions(CheckContext context, NodeDefinition node, string pointer,
        FieldScope scope)
    {
        foreach (var (fieldId, permission) in node.FieldPermissions ?? [])
        {
            var permissionPointer = JsonPointers.Of(pointer, "fieldPermissions", fieldId);
            var field = scope.Find(fieldId);
            if (!scope.Resolves(fieldId))
            {
                FormChecker.UnknownField(context, permissionPointer, fieldId, scope);
            }
            else if (field is not null && field.Type != FieldTypes.SubTable &&
                     (permission.AddRows ?? permission.EditRows ?? permission.DeleteRows) is not null)
            {
                context.Warning(
                    DiagnosticCodes.FieldPropertyNotApplicable, permissionPointer,
                    $"Row permissions apply to sub-tables; \"{fieldId}\" is a {field.Type} field. Use a plain " +
                    "\"editable\", \"readonly\" or \"hidden\".");
            }

            if (permission.RowOwner is { } rowOwner)
            {
                CheckRowOwner(context, fieldId, field, permission, rowOwner, permissionPointer);
            }
        }
    }

    /// <summary>
    /// Reports each required field that a start from a form or an API call cannot fill: the start node lists field
    /// permissions without making it editable, and the field has no default and no computed value. Such a flow
    /// rejects every start, for example after a process owner adds a required field to the form.
    /// </summary>
    private static void CheckStartFields(
        CheckContext context, FlowDefinition flow, NodeDefinition node, string pointer, FieldScope scope)
    {
        var startsFromInput = flow.Triggers is not { Count: > 0 } triggers
            || triggers.Any(trigger => trigger.Type is TriggerTypes.Form or TriggerTypes.Api);
        if (node.Type != NodeTypes.Start || node.FieldPermissions is not { } permissions || !startsFromInput
            || scope.Form is not { } form)
        {
            return;
        }

        foreach (var field in form.Fields)
        {
            var access = permissions.GetValueOrDefault(field.Id)?.Access ?? FieldPermission.ReadOnly;
            var filledWithoutInput = field.Default is not null || field.DefaultExpression is not null
                || field.Formula is not null || field.RecordValue is not null
                || field.Type is FieldTypes.Serial or FieldTypes.Formula;
            if (!field.Required || access == FieldPermission.Editable || filledWithoutInput)
            {
                continue;
            }

            context.Error(
                DiagnosticCodes.RequiredFieldLockedAtStart, JsonPointers.Of(pointer, "fieldPermissions", field.Id),
                $"Required field \"{field.Id}\" is {access} at the start node \"{node.Id}\" and has no default, so " +
                "every start would be rejected. Make it editable at the start node, give it a default, or make it " +
                "optional in the form.",
                ("node", node.Id), ("field", field.Id));
        }
    }

    private static void CheckRowOwner(CheckContext context, string fieldId, FieldDefinition? field,
        FieldPermission permission, string rowOwner, string pointer)
    {
        var ownerPointer = JsonPointers.Append(pointer, "rowOwner");
        if (field is null || field.Type != FieldTypes.SubTable)
        {
            context.Error(
                DiagnosticCodes.InvalidRowOwner, ownerPointer,
                $"\"rowOwner\" applies to sub-tables, but \"{fieldId}\" is not one. Remove \"rowOwner\".");
            return;
        }

        if (field.Fields?.Any(column => column.Id == rowOwner) != true)
        {
            var columns = string.Join(", ", field.Fields?.Select(column => column.Id) ?? []);
            context.Error(
                DiagnosticCodes.InvalidRowOwner, ownerPointer,
                $"\"rowOwner\" is \"{rowOwner}\", which is not a column of sub-table \"{fieldId}\" (columns: " +
                $"{(columns.Length == 0 ? "none" : columns)}). Name the column that holds the user id of each row.");
        }

        if (permission.AddRows == true || permission.DeleteRows == true)
        {
            context.Error(
                DiagnosticCodes.InvalidRowOwner, ownerPointer,
                $"Sub-table \"{fieldId}\" has \"rowOwner\" and allows adding or deleting rows, so rows could " +
                "change owner between tasks. Set \"addRows\" and \"deleteRows\" to false.");
        }
    }

    private static void CheckDeadline(CheckContext context, NodeDefinition node, string pointer, FieldScope scope)
    {
        if (node.Deadline is { } deadline)
        {
            var deadlinePointer = JsonPointers.Append(pointer, "deadline");
            if ((deadline.Duration is null) == (deadline.Field is null))
            {
                context.Error(
                    DiagnosticCodes.MissingProperty, deadlinePointer,
                    "A deadline needs exactly one of \"duration\" (such as \"P2D\") and \"field\" (a date field).",
                    ("property", "duration"));
            }

            DurationChecker.Check(context, deadline.Duration, JsonPointers.Append(deadlinePointer, "duration"));
            CheckDateField(context, deadline.Field, JsonPointers.Append(deadlinePointer, "field"), scope);
        }

        for (var i = 0; i < (node.Reminders?.Count ?? 0); i++)
        {
            DurationChecker.Check(context, node.Reminders![i].Before, JsonPointers.Of(pointer, "reminders", i,
                "before"));
        }

        if (node.Reminders is { Count: > 0 } && node.Deadline is null)
        {
            context.Error(
                DiagnosticCodes.MissingProperty, JsonPointers.Append(pointer, "reminders"),
                $"Node \"{node.Id}\" has reminders before a deadline but no \"deadline\". Add a deadline.",
                ("property", "deadline"));
        }
    }

    internal static void CheckDateField(CheckContext context, string? fieldId, string pointer, FieldScope scope)
    {
        if (fieldId is null)
        {
            return;
        }

        var field = scope.Find(fieldId);
        if (!scope.Resolves(fieldId))
        {
            FormChecker.UnknownField(context, pointer, fieldId, scope);
        }
        else if (field is not null && !FlowChecker.IsDate(field))
        {
            context.Error(
                DiagnosticCodes.DeadlineNotDate, pointer,
                $"Field \"{fieldId}\" is a {field.Type} field; a deadline or timer needs a date or datetime field. " +
                "Name a date field or use a duration.");
        }
    }

    private static void CheckOverdue(
        CheckContext context, FlowDefinition flow, NodeDefinition node, string pointer, FieldScope scope,
            DefinitionSet set)
    {
        if (node.Overdue is not { } overdue)
        {
            return;
        }

        var overduePointer = JsonPointers.Append(pointer, "overdue");
        DurationChecker.Check(context, overdue.Every, JsonPointers.Append(overduePointer, "every"));
        CheckAssignees(context, overdue.To, JsonPointers.Append(overduePointer, "to"), scope, set);
        if (overdue.Action == "escalate" && (overdue.To is null || overdue.To.Count == 0))
        {
            context.Error(
                DiagnosticCodes.MissingProperty, overduePointer,
                "Escalation needs \"to\": who receives the overdue task. Add at least one assignee rule.",
                ("property", "to"));
        }

        if (overdue.ReturnTo is { } target &&
            !flow.Nodes.Any(candidate => candidate.Id == target && NodeTypes.Human.Contains(candidate.Type)))
        {
            context.Error(
                DiagnosticCodes.UnknownNodeReference, JsonPointers.Append(overduePointer, "returnTo"),
                $"\"{target}\" is not a fillIn or approval node of this flow, so the task cannot return to it. " +
                "Name an earlier human node.");
        }

        if (node.Deadline is null)
        {
            context.Error(
                DiagnosticCodes.MissingProperty, overduePointer,
                $"Node \"{node.Id}\" says what happens when overdue but has no \"deadline\". Add a deadline.",
                ("property", "deadline"));
        }
    }

    private static void CheckRecordWrite(
        CheckContext context, NodeDefinition node, string pointer, FieldScope scope, DefinitionSet set)
    {
        if (node.Type is not (NodeTypes.CreateRecord or NodeTypes.UpdateRecord) || node.Form is null)
        {
            return;
        }

        var target = set.FindForm(node.Form);
        if (target is null)
        {
            context.Warning(
                DiagnosticCodes.ReferencedDocumentMissing, JsonPointers.Append(pointer, "form"),
                $"Form \"{node.Form}\" is not among the validated documents; the written fields were not checked.");
        }

        var targetScope = FieldScope.For(target, scope.Variables, scope.Parameters);
        ScriptChecker.Check(context, node.RecordId, JsonPointers.Append(pointer, "recordId"), scope);
        ConditionChecker.Check(context, node.Match, JsonPointers.Append(pointer, "match"), targetScope, scope);
        CheckValueMap(context, node.Values, JsonPointers.Append(pointer, "values"), targetScope, scope);

        foreach (var (tableId, write) in node.SubTables ?? [])
        {
            var writePointer = JsonPointers.Of(pointer, "subTables", tableId);
            var table = targetScope.Find(tableId);
            if (target is not null && table?.Type != FieldTypes.SubTable)
            {
                context.Error(
                    DiagnosticCodes.UnknownField, writePointer,
                    $"\"{tableId}\" is not a sub-table field of form \"{target.Key}\". Use one of: " +
                    $"{string.Join(", ", target.Fields.Where(f => f.Type == FieldTypes.SubTable).Select(f => f.Id))}.",
                    ("field", tableId), ("form", target.Key));
                continue;
            }

            var rowScope = table is null ? targetScope : targetScope.WithRow(table.Fields ?? []);
            ScriptChecker.Check(context, write.Rows, JsonPointers.Append(writePointer, "rows"), scope);
            CheckValueMap(context, write.Values, JsonPointers.Append(writePointer, "values"), rowScope, scope);
            for (var i = 0; i < (write.MatchOn?.Count ?? 0); i++)
            {
                if (!rowScope.Resolves(write.MatchOn![i]))
                {
                    FormChecker.UnknownField(context, JsonPointers.Of(writePointer, "matchOn", i), write.MatchOn[i],
                        rowScope);
                }
            }
        }
    }

    internal static void CheckValueMap(
        CheckContext context, Dictionary<string, string>? values, string pointer, FieldScope targetScope,
            FieldScope sourceScope)
    {
        foreach (var (fieldId, expression) in values ?? [])
        {
            var valuePointer = JsonPointers.Append(pointer, fieldId);
            if (!targetScope.Resolves(fieldId))
            {
                FormChecker.UnknownField(context, valuePointer, fieldId, targetScope);
            }

            ScriptChecker.Check(context, expression, valuePointer, sourceScope);
        }
    }

    private static void CheckAutomatic(
        CheckContext context, NodeDefinition node, string pointer, FieldScope scope, DefinitionSet set)
    {
        ScriptChecker.Check(context, node.Script, JsonPointers.Append(pointer, "script"), scope);
        ScriptChecker.Check(context, node.Body, JsonPointers.Append(pointer, "body"), scope);
        ScriptChecker.Check(context, node.Until, JsonPointers.Append(pointer, "until"), scope);
        DurationChecker.Check(context, node.Timeout, JsonPointers.Append(pointer, "timeout"));
        DurationChecker.Check(context, node.Duration, JsonPointers.Append(pointer, "duration"));
        DurationChecker.Check(context, node.Retry?.Backoff, JsonPointers.Of(pointer, "retry", "backoff"));
        CheckDateField(context, node.UntilField, JsonPointers.Append(pointer, "untilField"), scope);

        if (node.Type == NodeTypes.Timer && node.Duration is null && node.Until is null && node.UntilField is null)
        {
            context.Error(
                DiagnosticCodes.MissingProperty, pointer,
                $"Timer \"{node.Id}\" needs one of \"duration\", \"until\" or \"untilField\". Add one.",
                ("property", "duration"));
        }

        if (node.Type == NodeTypes.Service)
        {
            foreach (var (name, expression) in node.Input ?? [])
            {
                ScriptChecker.Check(context, expression, JsonPointers.Of(pointer, "input", name), scope);
            }

            return;
        }

        if (node.Type != NodeTypes.SubFlow || node.Flow is null)
        {
            return;
        }

        ScriptChecker.Check(context, node.ForEach, JsonPointers.Append(pointer, "forEach"), scope);
        var subFlow = set.FindFlow(node.Flow);
        if (subFlow is null)
        {
            context.Warning(
                DiagnosticCodes.ReferencedDocumentMissing, JsonPointers.Append(pointer, "flow"),
                $"Flow \"{node.Flow}\" is not among the validated documents; its input was not checked.");
        }

        var inputScope = FieldScope.For(set.FindForm(subFlow?.Form));
        CheckValueMap(context, node.Input, JsonPointers.Append(pointer, "input"), inputScope, scope);
    }
}
