using System.Globalization;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Flows;

/// <summary>
/// Warns in the flow designer about role rules that the organisation directory cannot satisfy today: a role without
/// active members, or a <c>where</c> condition on an attribute that no member of the role has. Either stops the node
/// at an assignee incident when it runs. The checks only warn, because the directory can change before the flow runs.
/// </summary>
public static class AssigneeDirectoryCheck
{
    /// <summary>Code of the warning for a role that no active user holds.</summary>
    public const string RoleWithoutMembers = "ORG1";

    /// <summary>Code of the warning for a condition on an attribute that no active member of the role has.</summary>
    public const string AttributeMissing = "ORG2";

    /// <summary>
    /// Checks the role rules of every node's assignees, CC recipients and escalation targets against the active users
    /// in <paramref name="users"/>, and words the warnings in the culture of <paramref name="text"/>.
    /// </summary>
    public static IReadOnlyList<DesignerDiagnostic> Check(
        FlowDefinition flow, IReadOnlyList<DesignerUser> users, UiText text)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<DesignerDiagnostic>();
        for (var index = 0; index < flow.Nodes.Count; index++)
        {
            var node = flow.Nodes[index];
            var pointer = string.Create(CultureInfo.InvariantCulture, $"/nodes/{index}");
            CheckRules(node, node.Assignees, pointer + "/assignees", users, text, result);
            CheckRules(node, node.Recipients, pointer + "/recipients", users, text, result);
            CheckRules(node, node.FallbackRecipients, pointer + "/fallbackRecipients", users, text, result);
            CheckRules(node, node.Overdue?.To, pointer + "/overdue/to", users, text, result);
        }

        return result;
    }

    private static void CheckRules(
        NodeDefinition node, List<AssigneeRule>? rules, string pointer, IReadOnlyList<DesignerUser> users, UiText text,
        List<DesignerDiagnostic> result)
    {
        for (var index = 0; index < (rules?.Count ?? 0); index++)
        {
            var rule = rules![index];
            if (rule.Type != AssigneeTypes.Role || string.IsNullOrWhiteSpace(rule.Value))
            {
                continue;
            }

            var rulePointer = string.Create(CultureInfo.InvariantCulture, $"{pointer}/{index}");
            var nodeName = node.Name?.Get(text.Culture) is { Length: > 0 } name ? name : node.Id;
            var members = users.Where(user => !user.Disabled && user.IsInRole(rule.Value)).ToList();
            if (members.Count == 0)
            {
                result.Add(new DesignerDiagnostic(
                    DiagnosticSeverity.Warning,
                    RoleWithoutMembers,
                    text.Format(
                        "Node \"{0}\": no active user has the role \"{1}\", so the node would stop at an incident. Ask an administrator to add members on the Roles page, or choose another role.",
                        nodeName, rule.Value),
                    rulePointer + "/value",
                    node.Id));
                continue;
            }

            foreach (var (attribute, expression) in rule.Where ?? [])
            {
                // The engine reads id and department from the user record, which every user has.
                if (attribute is "id" or "department" || members.Any(member => member.Attributes.ContainsKey(attribute)))
                {
                    continue;
                }

                result.Add(new DesignerDiagnostic(
                    DiagnosticSeverity.Warning,
                    AttributeMissing,
                    text.Format(
                        "Node \"{0}\": no member of the role \"{1}\" has the user attribute \"{2}\", so the condition {2} = {3} matches nobody and the node would stop at an incident. Ask an administrator to set the attribute on the Users and roles page, or remove the condition.",
                        nodeName, rule.Value, attribute, expression),
                    rulePointer + "/where/" + attribute,
                    node.Id));
            }
        }
    }
}
