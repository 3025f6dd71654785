using System.Text.Json.Nodes;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// The order flow whose approval goes to the finance role of the order's region. No demo finance user is in the north
/// region, so an order for the north stops at an assignee incident until <see cref="MoveFinanceNorthAsync"/> fixes
/// the organisation data.
/// </summary>
public static class StuckOrders
{
    /// <summary>The incident message of a north order, as the engine words it.</summary>
    public const string Message =
        "Node 'manager-approval' (approval) resolved no assignee: rule role 'finance' where region = form.region " +
        "matched nobody. Fix the organisation data or the node's rules, then retry the incident.";

    /// <summary>Publishes the sales order form and the flow with the region-bound finance approval.</summary>
    public static Task PublishAsync(IDefinitionService definitions)
    {
        var flow = OrderDefinitions.Flow();
        flow.Nodes.Single(node => node.Id == OrderDefinitions.ManagerNode).Assignees =
        [
            new AssigneeRule
            {
                Type = AssigneeTypes.Role,
                Value = RoleNames.Finance,
                Where = new Dictionary<string, string> { ["region"] = "form.region" },
            },
        ];
        return OrderDefinitions.PublishAsync(definitions, "owner", flow);
    }

    /// <summary>Starts an order as sales1 for a customer in the north, which stops at the approval.</summary>
    public static async Task<InstanceSummary> StartNorthOrderAsync(IWorkService work, AccountStore accounts)
    {
        var sales = await SignInAsync(accounts, "sales1");
        return await work.StartAsync(
            OrderDefinitions.FlowKey,
            new JsonObject { ["customer"] = "北京协和医院", ["region"] = "north", ["total"] = 12_000m },
            sales,
            default);
    }

    /// <summary>Moves the demo finance user finance1 to the north region, so the approval's rule matches them.</summary>
    public static async Task MoveFinanceNorthAsync(AccountStore accounts)
    {
        var finance = (await accounts.FindAsync("finance1", default))!;
        await accounts.UpdateAsync(
            finance with { Attributes = new Dictionary<string, string> { ["region"] = "north" } }, default);
    }

    public static async Task<UserContext> SignInAsync(AccountStore accounts, string userId)
    {
        var account = await accounts.FindAsync(userId, default)
            ?? throw new InvalidOperationException($"Demo user '{userId}' is missing from the test database.");
        return UserContext.FromPrincipal(UserContext.ToPrincipal(account, "test"))!;
    }
}
