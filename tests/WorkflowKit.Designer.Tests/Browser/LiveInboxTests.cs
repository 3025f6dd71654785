using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Accounts;
using WorkflowKit.Designer.Services;
using WorkflowKit.Designer.Tests.Support;

namespace WorkflowKit.Designer.Tests.Browser;

/// <summary>
/// A task created by the engine's background loop (a timer node firing), not by any portal or
/// API action, appears in an inbox that is already open, without a reload.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class LiveInboxTests
{
    private const string FlowKey = "order-after-cooling";

    private BrowserSession _session = default!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _session = await BrowserSession.StartAsync();
        var definitions = _session.Get<IDefinitionService>();
        await OrderDefinitions.PublishAsync(definitions, "owner");
        await definitions.SaveDraftAsync(DefinitionKind.Flow, FlowKey, DefinitionJson.Serialize(TimerFlow()), null, "owner", default);
        var published = await definitions.PublishAsync(DefinitionKind.Flow, FlowKey, "owner", null, default);
        Assert.That(published.Published, Is.True, string.Join("; ", published.Diagnostics.Select(d => d.Message)));
    }

    [TearDown]
    public Task CaptureAsync() => _session.CaptureFailureAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }
    }

    [Test]
    public async Task Timer_created_task_appears_in_open_inbox()
    {
        var manager = await _session.SignInAsync("manager");
        await Assertions.Expect(manager.GetByTestId("open-count")).ToHaveTextAsync("0");
        var work = _session.Get<IWorkService>();
        var sales = new UserContext(
            "sales1", "张伟", "sales-east", [RoleNames.Sales], new Dictionary<string, string> { ["region"] = "east" },
            "zh-CN");

        await work.StartAsync(FlowKey, new JsonObject { ["customer"] = "仁济医院", ["region"] = "east", ["total"] = 5000 },
            sales, default);
        var rightAfterStart = await work.GetInboxAsync(ManagerContext, default);

        Assert.That(rightAfterStart, Is.Empty, "The task must come from the timer, not from the start step.");
        await Assertions.Expect(manager.GetByTestId("open-count"))
            .ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await Assertions.Expect(manager.GetByTestId("inbox").GetByText("仁济医院")).ToBeVisibleAsync();
        await _session.ScreenshotAsync(manager, "09-inbox-live-from-timer");
    }

    private static readonly UserContext ManagerContext =
        new("manager", "王芳", "sales-east", [RoleNames.SalesManager], new Dictionary<string, string>(), "zh-CN");

    // The order flow with a three-second timer before the manager's approval.
    private static FlowDefinition TimerFlow()
    {
        var flow = OrderDefinitions.Flow();
        flow.Key = FlowKey;
        flow.Name = new LocalizedText("冷静期后审批", "Approval after cooling-off");
        flow.Nodes.Insert(1, new NodeDefinition
        {
            Id = "cooling", Type = NodeTypes.Timer, Name = new LocalizedText("冷静期", "Cooling-off"), Duration = "PT3S",
            Position = new NodePosition { X = 170, Y = 160 },
        });
        flow.Edges =
        [
            new EdgeDefinition { Id = "e0", From = "start", To = "cooling" },
            new EdgeDefinition { Id = "e1", From = "cooling", To = OrderDefinitions.ManagerNode },
            new EdgeDefinition { Id = "e2", From = OrderDefinitions.ManagerNode, To = "end" },
        ];
        return flow;
    }
}
