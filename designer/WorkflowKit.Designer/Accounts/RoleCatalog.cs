using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Accounts;

/// <summary>
/// Every role in use: the built-in ones, those created on the roles page (<see cref="RoleStore"/>), those that
/// published flows assign tasks or send copies to, and those user accounts hold. Membership is read from and written
/// to the accounts, which is where assignee rules look up a role's users when a task is created.
/// </summary>
public sealed class RoleCatalog(AccountStore accounts, RoleStore roles, IDefinitionService definitions)
{
    private static readonly Dictionary<string, (LocalizedText Name, LocalizedText Description)> BuiltIn =
        new(StringComparer.Ordinal)
        {
            [RoleNames.Admin] = (new("管理员", "Administrator"), new(
                "管理用户、角色、部门、模板包、数据导入和数据权限。",
                "Manages users, roles, departments, template packages, data imports and data permissions.")),
            [RoleNames.ProcessOwner] = (new("流程负责人", "Process owner"), new(
                "设计并发布表单和流程，查看全部流程实例和仪表盘。",
                "Designs and publishes forms and flows; sees every flow instance and the dashboards.")),
            [RoleNames.Sales] = (new("销售", "Sales"), new(
                "提交订单和信用审核申请，查看本区域的客户和订单。",
                "Submits orders and credit review requests; reads customers and orders of their region.")),
            [RoleNames.SalesManager] = (new("销售经理", "Sales manager"), new(
                "审批本区域的订单和信用审核。",
                "Approves orders and credit reviews of their region.")),
            [RoleNames.Finance] = (new("财务", "Finance"), new(
                "核对应收和逾期记录，处理财务审批。",
                "Checks receivables and overdue records and handles finance approvals.")),
            [RoleNames.CreditOfficer] = (new("信用专员", "Credit officer"), new(
                "审核客户的信用额度和账期。",
                "Reviews customer credit limits and payment terms.")),
            [RoleNames.Warehouse] = (new("仓库", "Warehouse"), new(
                "按先到期先出分配批次，安排发货，处理效期预警。",
                "Allocates batches first-expired first-out, ships orders and handles expiry warnings.")),
            [RoleNames.Purchasing] = (new("采购", "Purchasing"), new(
                "处理补货建议和采购计划。",
                "Handles replenishment proposals and purchase plans.")),
        };

    /// <summary>Lists the roles: built-in ones in their fixed order, then the others by key.</summary>
    public async Task<IReadOnlyList<RoleEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var users = await accounts.ListAsync(cancellationToken);
        var custom = (await roles.ListAsync(cancellationToken)).ToDictionary(role => role.Key, StringComparer.Ordinal);
        var flows = await FlowRolesAsync(cancellationToken);

        var others = custom.Keys
            .Concat(flows.Keys)
            .Concat(users.SelectMany(user => user.Roles))
            .Where(key => !BuiltIn.ContainsKey(key))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var result = new List<RoleEntry>();
        foreach (var key in BuiltIn.Keys.Concat(others))
        {
            var (name, description, origin) = BuiltIn.TryGetValue(key, out var known)
                ? (known.Name, known.Description, RoleOrigin.BuiltIn)
                : custom.TryGetValue(key, out var created)
                    ? (created.Name, created.Description, RoleOrigin.Custom)
                    : (new LocalizedText(key), new LocalizedText(), flows.ContainsKey(key) ? RoleOrigin.Flow : RoleOrigin.Account);
            result.Add(new RoleEntry(
                key, name, description, origin, flows.GetValueOrDefault(key) ?? [],
                [.. users.Where(user => user.IsInRole(key))]));
        }

        return result;
    }

    /// <summary>
    /// Deletes a role created on the roles page. A built-in role, a role that published flows name, or a role that
    /// accounts still hold throws <see cref="ArgumentException"/> saying what to change first.
    /// </summary>
    public async Task DeleteCustomAsync(string key, CancellationToken cancellationToken)
    {
        var role = (await ListAsync(cancellationToken)).FirstOrDefault(entry => entry.Key == key)
            ?? throw new InvalidInputException("Role '{0}' was not found; reload the roles page.", nameof(key), key);
        if (role.Origin != RoleOrigin.Custom)
        {
            throw new InvalidInputException(
                "Role '{0}' was not created on the roles page and cannot be deleted here.", nameof(key), key);
        }

        if (role.Flows.Count > 0)
        {
            var flows = new LocalizedText(
                string.Join("、", role.Flows.Select(flow => flow.Get("zh-CN"))),
                string.Join(", ", role.Flows.Select(flow => flow.Get("en"))));
            throw new InvalidInputException(
                "Role '{0}' is used by the published flows {1}; publish them without this role first.", nameof(key),
                key, flows);
        }

        if (role.Members.Count > 0)
        {
            throw new InvalidInputException(
                "Role '{0}' still has {1} member(s) ({2}); remove them first.", nameof(key), key, role.Members.Count,
                string.Join(", ", role.Members.Select(user => user.Id)));
        }

        await roles.DeleteAsync(key, cancellationToken);
    }

    /// <summary>Lists the role keys that assignee rules may name, in the order of <see cref="ListAsync"/>.</summary>
    public async Task<IReadOnlyList<string>> ListKeysAsync(CancellationToken cancellationToken) =>
        [.. (await ListAsync(cancellationToken)).Select(role => role.Key)];

    // Published flows by the roles their assignee and recipient rules name; only the latest published version counts.
    private async Task<Dictionary<string, List<LocalizedText>>> FlowRolesAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<LocalizedText>>(StringComparer.Ordinal);
        foreach (var summary in await definitions.ListAsync(DefinitionKind.Flow, cancellationToken))
        {
            if (summary.PublishedVersion is not { } version
                || await definitions.GetVersionJsonAsync(DefinitionKind.Flow, summary.Key, version, cancellationToken)
                    is not { } json)
            {
                continue;
            }

            var flow = DefinitionJson.Deserialize<FlowDefinition>(json);
            var named = flow.Nodes
                .SelectMany(node => (node.Assignees ?? [])
                    .Concat(node.Recipients ?? [])
                    .Concat(node.FallbackRecipients ?? []))
                .Where(rule => rule.Type == AssigneeTypes.Role && !string.IsNullOrWhiteSpace(rule.Value))
                .Select(rule => rule.Value!)
                .Distinct(StringComparer.Ordinal);
            foreach (var role in named)
            {
                if (!result.TryGetValue(role, out var list))
                {
                    result[role] = list = [];
                }

                list.Add(flow.Name);
            }
        }

        return result;
    }
}
