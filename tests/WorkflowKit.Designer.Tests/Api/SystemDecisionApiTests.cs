using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Api;

/// <summary>
/// <c>GET /api/instances/{id}</c> on a designer at 127.0.0.1 with a fake clock past the manager's deadline: the
/// system's decisions are in the audit trail, and the former assignee of an escalated task is notified.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed class SystemDecisionApiTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 1, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Approval_on_timeout_in_audit()
    {
        var clock = new FakeTimeProvider(Now);
        await using var factory = new DesignerAppFactory(kestrel: true, clock: clock);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        await OrderDefinitions.PublishAsync(
            factory.Services.GetRequiredService<IDefinitionService>(), "owner",
            OrderDefinitions.FlowWithOverdue(new OverduePolicy { Action = "approve" }));
        var instanceId = await StartOrderAsync(sales1);

        var audit = await AuditPastDeadlineAsync(factory, clock, sales1, instanceId, "approve");

        Assert.That(audit.Select(Line), Is.EqualTo(new[]
        {
            "sales1 start", "system reminder", "system overdue", "system approve", "system instance.completed",
        }));
        var approval = audit.Single(entry => (string)entry!["action"]! == "approve")!;
        Assert.That((string?)approval["nodeId"], Is.EqualTo(OrderDefinitions.ManagerNode));
        Assert.That((string?)approval["comment"], Does.EndWith("approved automatically."));
    }

    [Test]
    public async Task Escalation_in_audit_and_notices()
    {
        var clock = new FakeTimeProvider(Now);
        await using var factory = new DesignerAppFactory(kestrel: true, clock: clock);
        using var sales1 = await LoopbackClients.ForAsync(factory, "sales1");
        using var manager = await LoopbackClients.ForAsync(factory, "manager");
        using var credit1 = await LoopbackClients.ForAsync(factory, "credit1");
        await OrderDefinitions.PublishAsync(
            factory.Services.GetRequiredService<IDefinitionService>(), "owner",
            OrderDefinitions.FlowWithOverdue(new OverduePolicy
            {
                Action = "escalate", To = [new AssigneeRule { Type = AssigneeTypes.User, Value = "credit1" }],
            }));
        var instanceId = await StartOrderAsync(sales1);

        var audit = await AuditPastDeadlineAsync(factory, clock, sales1, instanceId, "escalated");

        Assert.That(audit.Select(Line), Is.EqualTo(new[]
        {
            "sales1 start", "system reminder", "system overdue", "system escalated",
        }));
        var escalated = audit.Single(entry => (string)entry!["action"]! == "escalated")!;
        Assert.That((string?)escalated["targetName"], Is.EqualTo("陈静 Chen Jing"));
        var task = (await credit1.GetFromJsonAsync<JsonArray>("/api/tasks"))!.Single()!;
        Assert.That(DateTimeOffset.Parse((string)task["dueAt"]!, System.Globalization.CultureInfo.InvariantCulture),
            Is.EqualTo(Now.AddDays(4)));
        var notices = (await manager.GetFromJsonAsync<JsonArray>("/api/notifications"))!;
        var notice = notices.Single(note => (string)note!["kind"]! == "escalated")!;
        Assert.That((string?)notice["taskId"], Is.Null);
        Assert.That((string?)notice["message"]?["zh-CN"],
            Is.EqualTo("“经理审批”已过截止时间，系统已将此任务升级给 陈静 Chen Jing，它已不在您的待办中。"));
        Assert.That((string?)notice["message"]?["en"], Is.EqualTo(
            "\"Manager approval\" passed its deadline, so the system escalated the task to 陈静 Chen Jing. " +
            "It is no longer in your inbox."));
    }

    private static string Line(JsonNode? entry) => $"{(string)entry!["userId"]!} {(string)entry["action"]!}";

    /// <summary>Moves the clock past the manager's two-day deadline and reads the audit once the policy ran.</summary>
    private static async Task<JsonArray> AuditPastDeadlineAsync(
        DesignerAppFactory factory, FakeTimeProvider clock, HttpClient client, string instanceId, string action)
    {
        clock.Advance(TimeSpan.FromDays(2));
        JsonArray audit = [];
        await DueWork.RunUntilAsync(
            factory.Services,
            async () =>
            {
                var detail = await client.GetFromJsonAsync<JsonObject>($"/api/instances/{instanceId}");
                audit = detail!["audit"]!.AsArray();
                return audit.Any(entry => (string)entry!["action"]! == action);
            },
            $"the overdue policy's \"{action}\" line");
        return audit;
    }

    private static async Task<string> StartOrderAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/api/instances", new
        {
            flowKey = OrderDefinitions.FlowKey,
            data = new { customer = "协和医院", region = "east", total = 90_000m },
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }
}
