using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using WorkflowKit.Definitions;
using WorkflowKit.Designer.Localization;
using WorkflowKit.Designer.Portal;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Tests.Portal;

/// <summary>Each task's subject is a link to the task page, so it opens before the page is interactive.</summary>
public sealed class TaskTableTests
{
    [Test]
    public async Task Subject_links_to_task()
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddScoped(_ => new UiText { Culture = "zh-CN" });
        context.Services.AddSingleton(TimeProvider.System);
        context.Services.AddSingleton(new TenantTime(new WorkflowKit.Runtime.EngineOptions()));
        var task = new WorkTask(
            "t1", "i1", "order", new LocalizedText("订单"), 1, "approve", new LocalizedText("审批"), "approval",
            "manager", "manager", "sales1", "张伟", "仁济医院", new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero), null, TaskState.Open, null, null);

        var table = context.Render<TaskTable>(parameters => parameters
            .Add(component => component.Tasks, new[] { task })
            .Add(component => component.TestId, "inbox"));

        var link = table.Find("[data-testid=task-link]");
        Assert.That(link.GetAttribute("href"), Is.EqualTo("/tasks/t1"));
        Assert.That(link.TextContent, Is.EqualTo("仁济医院"));
    }
}
