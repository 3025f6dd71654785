using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// A scheduled flow ("watch") for the Schedule tab and the schedule endpoints: every day at 02:00 in Asia/Shanghai it
/// runs one script, which a test can replace with a failing one.
/// </summary>
public static class WatchDefinitions
{
    public const string FlowKey = "stock-watch";

    public const string Cron = "0 2 * * *";

    public static FlowDefinition Flow(string script = "vars.checked = true;") => new()
    {
        Key = FlowKey,
        Name = new LocalizedText("库存巡检", "Stock watch"),
        Triggers = [new TriggerDefinition { Type = TriggerTypes.Schedule, Cron = Cron }],
        Settings = new FlowSettings { TimeZone = "Asia/Shanghai" },
        Nodes =
        [
            new NodeDefinition { Id = "start", Type = NodeTypes.Start, Position = new NodePosition { X = 40, Y = 160 } },
            new NodeDefinition
            {
                Id = "check", Type = NodeTypes.Script, Script = script, Position = new NodePosition { X = 240, Y = 160 },
            },
            new NodeDefinition { Id = "end", Type = NodeTypes.End, Position = new NodePosition { X = 440, Y = 160 } },
        ],
        Edges =
        [
            new EdgeDefinition { Id = "e1", From = "start", To = "check" },
            new EdgeDefinition { Id = "e2", From = "check", To = "end" },
        ],
    };

    public static Task PublishAsync(IDefinitionService definitions, FlowDefinition? flow = null) =>
        TestPackages.PublishFlowAsync(definitions, flow ?? Flow(), "owner", "watch");
}
