using Microsoft.Extensions.DependencyInjection;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;
using WorkflowKit.Runtime;
using WorkflowKit.Runtime.Notifications;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>The initiator urges through a task of the instance, and its assignee is reminded.</summary>
[TestFixture]
public sealed class UrgeTests
{
    private static readonly UserContext Sales = new(
        "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
        "zh-CN");

    private static readonly UserContext Manager = new(
        "manager", "王芳", "sales-east", [RoleNames.SalesManager],
        new Dictionary<string, string> { ["region"] = "east" }, "zh-CN");

    [Test]
    public async Task Urge_reminds_assignee()
    {
        await using var app = new DesignerAppFactory();
        using var scope = app.Services.CreateScope();
        await HiddenFieldDefinitions.PublishAsync(scope.ServiceProvider.GetRequiredService<IDefinitionService>(), "owner");
        var work = scope.ServiceProvider.GetRequiredService<IWorkService>();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        var instance = await work.StartAsync(OrderDefinitions.FlowKey, HiddenFieldDefinitions.Order(), Sales, default);
        var task = (await work.GetInboxAsync(Manager, default)).Single(t => t.InstanceId == instance.Id);

        await work.ActAsync(task.Id, new TaskActionRequest(TaskActions.Urge, "Customer is waiting"), Sales, default);

        var urged = (await engine.GetNotificationsAsync("manager", unreadOnly: true, default))
            .Where(notification => notification.Kind == NotificationKinds.Urge).ToList();
        Assert.That(urged.Select(notification => (notification.InstanceId, notification.TaskId)),
            Is.EqualTo(new[] { ((string?)instance.Id, (string?)task.Id) }));
        var unknown = Assert.ThrowsAsync<NotFoundException>(() =>
            work.ActAsync("no-such-task", new TaskActionRequest(TaskActions.Urge), Sales, default));
        Assert.That(unknown!.Message, Is.EqualTo("Task 'no-such-task' does not exist; check the id."));
    }

    [Test]
    public async Task Urge_from_instance_page_is_the_initiators()
    {
        await using var app = new DesignerAppFactory();
        using var scope = app.Services.CreateScope();
        await HiddenFieldDefinitions.PublishAsync(scope.ServiceProvider.GetRequiredService<IDefinitionService>(), "owner");
        var work = scope.ServiceProvider.GetRequiredService<IWorkService>();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        var instance = await work.StartAsync(OrderDefinitions.FlowKey, HiddenFieldDefinitions.Order(), Sales, default);

        Assert.ThrowsAsync<AccessDeniedException>(() => work.UrgeAsync(instance.Id, null, Manager, default));
        await work.UrgeAsync(instance.Id, "Customer is waiting", Sales, default);

        var urged = (await engine.GetNotificationsAsync("manager", unreadOnly: true, default))
            .Count(notification => notification.Kind == NotificationKinds.Urge);
        Assert.That(urged, Is.EqualTo(1));
    }
}
