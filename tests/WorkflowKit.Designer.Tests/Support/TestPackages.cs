using WorkflowKit.Definitions;
using WorkflowKit.Definitions.Flows;
using WorkflowKit.Definitions.Forms;
using WorkflowKit.Definitions.Json;
using WorkflowKit.Designer.Services;

namespace WorkflowKit.Designer.Tests.Support;

/// <summary>
/// Helpers of the test definition classes. They build the one-step flow shape that most of those classes use, and
/// save and publish definitions through the designer's definition service.
/// </summary>
public static class TestPackages
{
    /// <summary>
    /// Builds a flow of start, <paramref name="step"/> and end on one row of the canvas, joined by edges e1 and e2.
    /// Overwrites the step's position to place it between the other two nodes.
    /// </summary>
    public static FlowDefinition OneStepFlow(
        string key, LocalizedText name, string formKey, LocalizedText startName, NodeDefinition step)
    {
        ArgumentNullException.ThrowIfNull(step);
        step.Position = new NodePosition { X = 300, Y = 160 };
        return new FlowDefinition
        {
            Key = key,
            Name = name,
            Form = formKey,
            Nodes =
            [
                new NodeDefinition { Id = "start", Type = NodeTypes.Start, Name = startName, Position = new NodePosition { X = 40, Y = 160 } },
                step,
                new NodeDefinition { Id = "end", Type = NodeTypes.End, Name = new LocalizedText("结束", "End"), Position = new NodePosition { X = 560, Y = 160 } },
            ],
            Edges =
            [
                new EdgeDefinition { Id = "e1", From = "start", To = step.Id },
                new EdgeDefinition { Id = "e2", From = step.Id, To = "end" },
            ],
        };
    }

    /// <summary>Saves and publishes <paramref name="form"/> and then <paramref name="flow"/> as the given user.</summary>
    public static async Task PublishAsync(
        IDefinitionService definitions, FormDefinition form, FlowDefinition flow, string userId, string flowDescription)
    {
        await PublishFormAsync(definitions, form, userId);
        await PublishFlowAsync(definitions, flow, userId, flowDescription);
    }

    /// <summary>Saves and publishes <paramref name="form"/> as the given user.</summary>
    public static async Task PublishFormAsync(IDefinitionService definitions, FormDefinition form, string userId)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(form);
        await definitions.SaveDraftAsync(DefinitionKind.Form, form.Key, DefinitionJson.Serialize(form), null, userId, default);
        await definitions.PublishAsync(DefinitionKind.Form, form.Key, userId, null, default);
    }

    /// <summary>
    /// Saves and publishes <paramref name="flow"/> as the given user, and throws with the publish diagnostics when the
    /// flow is rejected. <paramref name="flowDescription"/> names the flow in that message.
    /// </summary>
    public static async Task PublishFlowAsync(
        IDefinitionService definitions, FlowDefinition flow, string userId, string flowDescription)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(flow);
        await definitions.SaveDraftAsync(DefinitionKind.Flow, flow.Key, DefinitionJson.Serialize(flow), null, userId, default);
        var result = await definitions.PublishAsync(DefinitionKind.Flow, flow.Key, userId, null, default);
        if (!result.Published)
        {
            throw new InvalidOperationException(
                $"The {flowDescription} flow did not publish: " +
                string.Join("; ", result.Diagnostics.Select(d => d.Message)));
        }
    }
}
