using WorkflowKit.Definitions.Flows;

namespace WorkflowKit.Runtime.Tests.Nodes;

public sealed class AssigneeTests
{
    private static FlowBuilder Flow(params AssigneeRule[] rules) => new FlowBuilder("assign")
        .Start()
        .Node("approve", NodeTypes.Approval, node =>
        {
            node.ApprovalMode = ApprovalModes.OrSign;
            node.Assignees = [.. rules];
        })
        .End()
        .Chain("start", "approve", "end");

    private static async Task<string[]> AssigneesAsync(EngineFixture fx, string initiator, string form, params AssigneeRule[] rules)
    {
        fx.Publish(Flow(rules));
        var instance = await fx.StartAsync("assign", initiator, form);
        return [.. (await fx.OpenTasksAsync(instance.Id)).Select(task => task.Assignee).Order(StringComparer.Ordinal)];
    }

    [Test]
    public async Task Role_WithWhere_MatchesRegion()
    {
        await using var fx = await EngineFixture.CreateAsync();

        var users = await AssigneesAsync(fx, "alice", """{"region": "west"}""", new AssigneeRule
        {
            Type = AssigneeTypes.Role,
            Value = "credit-officer",
            Where = new() { ["region"] = "form.region" },
        });

        Assert.That(users, Is.EqualTo(new[] { "frank" }));
    }

    [Test]
    public async Task InitiatorManager_IsDeptManager()
    {
        await using var fx = await EngineFixture.CreateAsync();

        var users = await AssigneesAsync(fx, "bob", "{}", new AssigneeRule { Type = AssigneeTypes.InitiatorManager });

        Assert.That(users, Is.EqualTo(new[] { "dave" }));
    }

    [TestCase(AssigneeTypes.Department, "finance", new[] { "carol", "erin", "frank", "grace" })]
    [TestCase(AssigneeTypes.DepartmentManager, "finance", new[] { "grace" })]
    [TestCase(AssigneeTypes.Field, "approver", new[] { "bob", "carol" })]
    [TestCase(AssigneeTypes.Expression, "form.amount > 100 ? 'dave' : 'bob'", new[] { "dave" })]
    [TestCase(AssigneeTypes.Initiator, null, new[] { "alice" })]
    public async Task Rule_ResolvesUsers(string type, string? value, string[] expected)
    {
        await using var fx = await EngineFixture.CreateAsync();

        var users = await AssigneesAsync(
            fx, "alice", """{"approver": ["bob", {"id": "carol"}], "amount": 500}""",
            new AssigneeRule { Type = type, Value = value });

        Assert.That(users, Is.EqualTo(expected));
    }

    [Test]
    public async Task NoAssignee_RaisesIncident_RetryWorks()
    {
        await using var fx = await EngineFixture.CreateAsync();
        fx.Publish(Flow(new AssigneeRule
        {
            Type = AssigneeTypes.Role,
            Value = "credit-officer",
            Where = new() { ["region"] = "form.region" },
        }));
        var instance = await fx.StartAsync("assign", "alice", """{"region": "north"}""");

        var incident = (await fx.InstanceAsync(instance.Id)).Incidents.Single();
        Assert.That(incident.Message, Is.EqualTo(
            "Node 'approve' (approval) resolved no assignee: rule role 'credit-officer' where region = form.region " +
            "matched nobody. Fix the organisation data or the node's rules, then retry the incident."));

        fx.Organization.Add(new Organization.OrgUser(
            "nora", "nora", "finance", ["credit-officer"], new Dictionary<string, string> { ["region"] = "north" }));
        await fx.Engine.RetryIncidentAsync(incident.Id, "admin", CancellationToken.None);

        await fx.TaskAssignedToAsync(instance.Id, "approve", "nora");
        Assert.That((await fx.InstanceAsync(instance.Id)).Incidents, Is.Empty);
    }
}
